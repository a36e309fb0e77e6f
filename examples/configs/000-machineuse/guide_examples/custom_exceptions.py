# From the guide, section "Error Handling > Custom Exceptions" (the page lost indentation and blank lines; restored as Black writes them).
class MachineUseError(Exception):
    """Base exception for Machineuse errors."""
    pass


class InstanceNotFoundError(MachineUseError):
    """Raised when an instance is not found."""
    def __init__(self, instance_id: str):
        self.instance_id = instance_id
        super().__init__(f"Instance not found: {instance_id}")


class InsufficientResourcesError(MachineUseError):
    """Raised when resources are insufficient."""
    pass
