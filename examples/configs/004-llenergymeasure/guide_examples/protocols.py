# From the guide, section "Coding Conventions > Type Annotations > Protocols for abstraction:".
# src/llenergymeasure/protocols.py
from typing import Protocol

class EnergyBackendProtocol(Protocol):
    def start(self) -> None: ...
    def stop(self) -> dict[str, float]: ...
