# From the guide, section "FamilyOS standards > 3) Security & Privacy (Mandatory Enforcement) > Policy Validation".
# Wrapper ours (not the guide's): the fragment uses `self` and `await`, valid only in an async method.
class _Fragment:
    async def run(self) -> None:
        await self.policy.check_permission(actor, "read", memory, context)
