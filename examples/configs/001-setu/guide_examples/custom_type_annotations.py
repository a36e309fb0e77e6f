# From the guide, section "Setu Python Style Guide > Type Hints > Custom Type Annotations".
from typing import NewType

# Strong type aliases for domain concepts
SessionId = NewType('SessionId', str)
TokenId = NewType('TokenId', int)
PageId = NewType('PageId', int)
GPUDeviceId = NewType('GPUDeviceId', int)

def schedule_session(session_id: SessionId, device: GPUDeviceId) -> None:
    """Schedule session on specific GPU device."""
    pass
