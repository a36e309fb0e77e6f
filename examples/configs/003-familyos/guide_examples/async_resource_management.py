# From the guide, section "FamilyOS standards > 5) Async Programming (Production Patterns) > Resource Management".
# Wrapper ours (not the guide's): the fragment uses `self` and `await`, valid only in an async method.
class _Fragment:
    async def run(self) -> None:
        async with self.db.transaction() as tx:
            await tx.execute("INSERT INTO memories ...")
            await tx.commit()
