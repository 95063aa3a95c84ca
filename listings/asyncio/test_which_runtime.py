import asyncio
import sys
import threading
import unittest


class WhichLoop(unittest.IsolatedAsyncioTestCase):
    # Each test method runs in an event loop of its own, made for it and closed after it.

    async def test_runs_on_the_main_thread(self):
        self.assertIs(threading.current_thread(), threading.main_thread())

    async def test_runs_blocking_code_in_a_thread(self):
        # asyncio has no block_in_place; to_thread, its nearest relative, works in any test.
        answer = await asyncio.to_thread(lambda: 6 * 7)
        self.assertEqual(answer, 42)


class Report(unittest.TestResult):
    """Prints one line per test, as cargo test does (unittest's own runner prints timings)."""

    def addSuccess(self, test):
        super().addSuccess(test)
        print(f"test {test.id().rsplit('.', 1)[1]} ... ok")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print(f"test {test.id().rsplit('.', 1)[1]} ... FAILED")

    addError = addFailure


if __name__ == "__main__":
    tests = unittest.defaultTestLoader.loadTestsFromTestCase(WhichLoop)
    print(f"running {tests.countTestCases()} tests")
    report = Report()
    tests.run(report)
    print(f"\ntest result: {'ok' if report.wasSuccessful() else 'FAILED'}. "
          f"{report.testsRun - len(report.failures) - len(report.errors)} passed; "
          f"{len(report.failures) + len(report.errors)} failed")
    sys.exit(0 if report.wasSuccessful() else 1)
