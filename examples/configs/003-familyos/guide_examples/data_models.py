# From the guide, section "FamilyOS standards > 2) Code Structure (Concrete Patterns) > Data Models".
from pydantic import BaseModel

class MemoryRequest(BaseModel):
    content: str
    user_id: str
    space_id: str
