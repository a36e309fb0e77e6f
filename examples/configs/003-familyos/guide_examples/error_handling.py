# From the guide, section "FamilyOS standards > 2) Code Structure (Concrete Patterns) > Error Handling".
class MemoryNotFoundError(Exception):
    def __init__(self, memory_id: str):
        super().__init__(f"Memory {memory_id} not found")
