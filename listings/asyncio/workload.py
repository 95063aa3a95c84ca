import asyncio
import os
import sys
import time

# How long a client waits for one answer before it gives up on it.
TIMEOUT = 2.0

ANSWERED, TIMED_OUT, FAILED, CANCELLED = "answered", "timed out", "failed", "cancelled"


class Server:
    """Accepts connections until shut down, and answers each in a task of its own, so that
    shutting down can wait for them."""

    def __init__(self):
        self.connections = set()
        self.shutdown = asyncio.Event()

    async def start(self):
        # Port 0: the system picks a free port, on the loopback interface only.
        self.server = await asyncio.start_server(self.accept, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()

    async def accept(self, reader, writer):
        # start_server runs this in a task for each connection; remember the task.
        task = asyncio.current_task()
        self.connections.add(task)
        try:
            await self.answer(reader, writer)
        except asyncio.CancelledError:
            pass  # Shutting down drops the request wherever it is.
        finally:
            writer.close()
            self.connections.discard(task)

    async def answer(self, reader, writer):
        """Reads one request line and writes one answer line."""
        line = await reader.readline()
        if not line:
            return
        reply = await self.work(line.decode())
        try:
            writer.write(reply.encode())
            await writer.drain()
        except ConnectionError:
            pass  # The client gave up and closed the connection: no one to tell.

    async def work(self, request):
        """`work N MS` is answered `ok N²` after MS ms; `stall N` never; the rest `error`."""
        match request.split():
            case ["work", n, ms]:
                if int(ms) > 0:
                    await asyncio.sleep(int(ms) / 1000)
                return f"ok {int(n) ** 2}\n"
            case ["stall", _]:
                await asyncio.Event().wait()  # Never set: waits until cancelled.
            case _:
                return "error\n"

    async def stop(self):
        """Graceful shutdown: stop accepting, end every connection, but wait 1 s at most."""
        self.server.close()
        for task in list(self.connections):
            task.cancel()
        try:
            async with asyncio.timeout(1):
                await asyncio.gather(*self.connections, return_exceptions=True)
            print("server stopped; every connection closed")
        except TimeoutError:
            print("server stopped; some connections were still open after 1 s")


async def request(server, line):
    """One request: connect, send its line, read the answer."""
    reader, writer = await asyncio.open_connection(*server)
    try:
        writer.write(line.encode())
        await writer.drain()
        reply = (await reader.readline()).decode().strip()
    finally:
        writer.close()
    if reply == "error":
        raise RuntimeError("server error")
    return reply


class Report:
    def __init__(self):
        self.outcomes = {}
        self.never_sent = 0
        self.most_in_flight = 0


async def run_batch(server, lines, limit, started_at):
    """Sends `lines` to the server, request i being lines[i - 1], at most `limit` at a time.
    The first failure cancels the requests in flight and the ones not sent yet."""
    slots = asyncio.Semaphore(limit)
    report = Report()
    running = {}
    cancelled = asyncio.Event()

    async def send(number, line):
        started = time.monotonic()
        try:
            async with asyncio.timeout(TIMEOUT):
                await request(server, line)
            outcome = ANSWERED
        except TimeoutError:
            outcome = TIMED_OUT
        except asyncio.CancelledError:
            outcome = CANCELLED
        except (RuntimeError, OSError):
            outcome = FAILED
            cancelled.set()
            for other in running.values():
                if other is not asyncio.current_task():
                    other.cancel()
        finally:
            slots.release()
        trace(number, started, started_at, outcome)
        report.outcomes[number] = outcome

    for number, line in enumerate(lines, start=1):
        # Wait for a free slot, unless the batch is cancelled first.
        if not cancelled.is_set():
            await slots.acquire()
        if cancelled.is_set():
            report.never_sent += 1
            continue
        in_flight = sum(1 for task in running.values() if not task.done()) + 1
        report.most_in_flight = max(report.most_in_flight, in_flight)
        running[number] = asyncio.create_task(send(number, line))
    await asyncio.gather(*running.values(), return_exceptions=True)
    # A task cancelled before it first ran never got to record its outcome.
    for number, task in running.items():
        report.outcomes.setdefault(number, CANCELLED)
    return report


def print_report(report):
    def numbers(wanted):
        return [n for n, outcome in sorted(report.outcomes.items()) if outcome == wanted]

    print(f"  answered: {len(numbers(ANSWERED))}")
    print(f"  timed out: {numbers(TIMED_OUT)}")
    print(f"  failed: {numbers(FAILED)}")
    print(f"  cancelled in flight: {len(numbers(CANCELLED))}")
    print(f"  never sent: {report.never_sent}")
    print(f"  most in flight at once: {report.most_in_flight}")


def trace(number, started, started_at, outcome):
    """With WORKLOAD_TRACE set, writes when each request started and ended (microseconds
    since the program started) to stderr, for the timeline of `cargo xtask workload`."""
    if os.environ.get("WORKLOAD_TRACE"):
        start = int((started - started_at) * 1e6)
        end = int((time.monotonic() - started_at) * 1e6)
        print(f"trace {number} {start} {end} {outcome}", file=sys.stderr)


async def main():
    started_at = time.monotonic()
    server = Server()
    address = await server.start()
    print("server listening on 127.0.0.1 (a free port)")

    try:
        await run_batches(address, started_at)
    except asyncio.CancelledError:
        # On Ctrl-C, asyncio.run cancels main, and with it what main awaits.
        print("Ctrl-C: shutting down")
    await server.stop()


async def run_batches(address, started_at):
    if len(sys.argv) == 4:
        requests, limit, work_ms = map(int, sys.argv[1:])
        lines = [f"work {n} {work_ms}\n" for n in range(1, requests + 1)]
        began = time.monotonic()
        report = await run_batch(address, lines, limit, started_at)
        answered = sum(1 for outcome in report.outcomes.values() if outcome == ANSWERED)
        print(f"{requests} requests, at most {limit} at once, {work_ms} ms of work each: "
              f"{answered} answered in {time.monotonic() - began:.3f} s")
    else:
        # Batch 1: 40 requests of 10 to 40 ms of work, 8 at a time; two of them stall.
        lines = [f"stall {n}\n" if n in (13, 29) else f"work {n} {10 + (n % 4) * 10}\n"
                 for n in range(1, 41)]
        print("batch 1: 40 requests, at most 8 in flight, a 2s timeout each")
        print_report(await run_batch(address, lines, 8, started_at))

        # Batch 2: 20 requests of 100 ms, 8 at a time; the third fails at once.
        lines = [f"fail {n}\n" if n == 3 else f"work {n} 100\n" for n in range(1, 21)]
        print("batch 2: 20 requests, at most 8 in flight; request 3 fails")
        print_report(await run_batch(address, lines, 8, started_at))


asyncio.run(main())
