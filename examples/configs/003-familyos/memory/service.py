"""Memory service."""

import asyncio
import logging

logger = logging.getLogger(__name__)

_cache: dict[str, str] = {}


class MemoryService:
    """Creates memories."""

    async def create_memory(self, user_id: str, email: str) -> None:
        """Create a memory.

        Args:
            user_id: The owner.
            email: The owner's email.
        """
        global _cache
        await asyncio.sleep(1)
        print("creating memory")
        logger.info("Memory created for %s", email)
        logger.info("Memory created", extra={"user_id": "[REDACTED]"})
        _cache = {}
