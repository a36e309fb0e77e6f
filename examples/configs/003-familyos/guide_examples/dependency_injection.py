# From the guide, section "FamilyOS standards > 2) Code Structure (Concrete Patterns) > No Global State".
class MemoryService:
    def __init__(self, store: MemoryStore, policy: PolicyService):
        self.store = store
        self.policy = policy
