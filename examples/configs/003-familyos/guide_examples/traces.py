# From the guide, section "FamilyOS standards > 4) Observability (Required Instrumentation) > Traces".
from observability.trace import start_span

# Wrapper ours (not the guide's): the guide shows a method, so it sits in a class here.
class _Method:
    async def create_memory(self, request: MemoryRequest):
        with start_span("memory_service.create_memory") as span:
            span.set_attribute("user_id", request.user_id)
            # Implementation here
