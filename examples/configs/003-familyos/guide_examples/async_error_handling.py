# From the guide, section "FamilyOS standards > 5) Async Programming (Production Patterns) > Error Handling".
# Wrapper ours (not the guide's): the fragment uses `self` and `await`, valid only in an async method.
class _Fragment:
    async def run(self) -> None:
        try:
            result = await async_operation()
        except SpecificError as e:
            logger.error("Operation failed", extra={"error": str(e)})
            raise ServiceError("Failed to complete operation") from e
