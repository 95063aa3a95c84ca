import asyncio

# The event loop keeps only weak references to tasks, so a task that nothing else refers to
# may be garbage collected before it finishes. The asyncio docs advise keeping such
# "fire-and-forget" tasks in a set.
background_tasks: set[asyncio.Task[None]] = set()


async def finish_later(finished: asyncio.Event) -> None:
    await asyncio.sleep(0.1)
    print("The task finished, though main dropped its reference.")
    finished.set()


async def main() -> None:
    finished = asyncio.Event()
    task = asyncio.create_task(finish_later(finished))
    background_tasks.add(task)
    # Each task removes itself from the set when it is done, so the set does not grow forever.
    task.add_done_callback(background_tasks.discard)

    # With main's own reference gone, main can no longer await the task, but the set keeps
    # it alive and it runs on. (To stop a task, call task.cancel().)
    del task
    print("main dropped its reference.")

    # Wait for the task's signal before returning: when main returns, asyncio.run cancels
    # every task still pending.
    await finished.wait()
    print("main returns.")


asyncio.run(main())
