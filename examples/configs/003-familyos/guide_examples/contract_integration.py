# From the guide, section "FamilyOS standards > 7) Contract Integration (Schema Validation)".
from contracts.validation import validate_schema

class MemoryService:
    async def create_memory(self, request: dict) -> dict:
        # Validate input against contract
        validate_schema(request, "contracts/api/openapi/modules/memory-openapi.yaml#/components/schemas/MemoryRequest")

        # Process request
        result = await self._create_memory_internal(request)

        # Validate output against contract
        validate_schema(result, "contracts/api/openapi/modules/memory-openapi.yaml#/components/schemas/Memory")
        return result
