import asyncio
import sys
import unittest


class Flaky:
    """A fake service for the tests: it takes 1 ms per call, and fails its first calls."""

    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    async def call(self):
        self.calls += 1
        await asyncio.sleep(0.001)
        if self.calls <= self.failures:
            raise ConnectionError("unavailable")
        return "hello"


async def fetch_with_retries(service):
    """The code under test: calls the service up to three times, waiting 10 ms after the first
    failure and 20 ms after the second (a tenth of the listing's waits: these are real)."""
    backoff = 0.01
    for _ in range(2):
        try:
            return await service.call()
        except ConnectionError:
            await asyncio.sleep(backoff)
            backoff *= 2
    return await service.call()


class Retries(unittest.IsolatedAsyncioTestCase):
    async def test_retries_until_it_answers(self):
        loop = asyncio.get_running_loop()
        start = loop.time()
        service = Flaky(2)
        self.assertEqual(await fetch_with_retries(service), "hello")
        self.assertEqual(service.calls, 3)
        # The clock is real: the test can only check that the two waits took at least 30 ms.
        self.assertGreaterEqual(loop.time() - start, 0.03)

    async def test_gives_up_after_three_calls(self):
        service = Flaky(5)
        with self.assertRaises(ConnectionError):
            await fetch_with_retries(service)
        self.assertEqual(service.calls, 3)

    async def test_times_out_a_reply_that_takes_an_hour(self):
        # A real tenth of a second; the listing's timeout of 1 s would cost a real second.
        with self.assertRaises(TimeoutError):
            async with asyncio.timeout(0.1):
                await asyncio.sleep(3600)


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
    tests = unittest.defaultTestLoader.loadTestsFromTestCase(Retries)
    print(f"running {tests.countTestCases()} tests")
    report = Report()
    tests.run(report)
    print(f"\ntest result: {'ok' if report.wasSuccessful() else 'FAILED'}. "
          f"{report.testsRun - len(report.failures) - len(report.errors)} passed; "
          f"{len(report.failures) + len(report.errors)} failed")
    sys.exit(0 if report.wasSuccessful() else 1)
