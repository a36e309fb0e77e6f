# From the guide, section "Async Patterns > Async Functions" (the page lost indentation and blank lines; restored as Black writes them).
# Async function
async def get_instance(instance_id: str) -> Instance:
    async with storage.connection() as conn:
        return await conn.fetch_one(instance_id)


# Async context manager
class DatabaseConnection:
    async def __aenter__(self):
        self._conn = await aiosqlite.connect(self.path)
        return self._conn

    async def __aexit__(self, *args):
        await self._conn.close()
