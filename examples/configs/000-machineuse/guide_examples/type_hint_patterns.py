# From the guide, section "Type Hints > Type Hint Patterns" (the page lost indentation and blank lines; restored as Black writes them).
from typing import Dict, List, Optional, Union, TypeVar, Generic


# Optional values
def get_instance(id: str) -> Optional[Instance]:
    ...


# Collections
def list_instances(filters: Dict[str, str]) -> List[Instance]:
    ...


# Callbacks
from typing import Callable


def on_event(callback: Callable[[Event], None]) -> None:
    ...


# Generics
T = TypeVar('T')


class Repository(Generic[T]):
    def get(self, id: str) -> Optional[T]:
        ...
