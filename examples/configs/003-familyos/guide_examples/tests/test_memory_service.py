# From the guide, section "FamilyOS standards > 6) Testing Integration (WARD Framework)".
from ward import test, fixture
import asyncio

@fixture
async def memory_service():
    # Setup real components for testing
    store = MemoryStore(":memory:")
    policy = PolicyService()
    return MemoryService(store, policy)

@test("memory service creates memory correctly")
async def test_memory_creation(memory_service=memory_service):
    request = MemoryRequest(content="test", user_id="123", space_id="456")
    memory = await memory_service.create_memory(request)
    assert memory.content == "test"
    assert memory.user_id == "123"
