# From the guide, section "Error Handling > Exception Handling" (the "Good" example; the page lost indentation and blank lines, restored as Black writes them).
# Wrapper ours (not the guide's): the fragment uses `await`, valid only in an async function.
async def _fragment() -> None:
    # Good: Specific exceptions
    try:
        instance = await storage.get_instance(instance_id)
    except InstanceNotFoundError:
        raise HTTPException(status_code=404, detail="Instance not found")
    except StorageError as e:
        logger.error(f"Storage error: {e}")
        raise HTTPException(status_code=500, detail="Internal error")
