# From the guide, section "Setu Python Style Guide > Type Hints > Generic Types".
from typing import TypeVar, Generic, Protocol

T = TypeVar('T')
K = TypeVar('K')
V = TypeVar('V')

class Cacheable(Protocol):
    def cache_key(self) -> str: ...

class Cache(Generic[T]):
    def __init__(self) -> None:
        self._cache: Dict[str, T] = {}
    
    def get(self, item: Cacheable) -> Optional[T]:
        return self._cache.get(item.cache_key())
    
    def put(self, item: Cacheable, value: T) -> None:
        self._cache[item.cache_key()] = value
