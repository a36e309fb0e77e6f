# From the guide, section "Async Patterns > Concurrent Operations" (the page lost indentation and blank lines; restored as Black writes them).
# Run tasks concurrently
async def get_all_node_status():
    tasks = [get_node_status(node) for node in nodes]
    return await asyncio.gather(*tasks)


# Wrapper ours (not the guide's): the second fragment uses `await`, valid only in an async function.
async def _fragment() -> None:
    # With error handling
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if isinstance(result, Exception):
            logger.error(f"Task failed: {result}")
