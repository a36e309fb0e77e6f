"""Container instance management."""

import os
from typing import Any, Dict, Optional

import pytest

from machineuse.core.config import Config


class InstanceNotFoundError(Exception):
    """Raised when an instance is not found."""


class instanceManager:
    """Keeps track of running instances."""

    def __init__(self, config: Config) -> None:
        """Create a manager.

        Args:
            config: The loaded configuration.
        """
        self._config = config

    def getInstance(self, instance_id: str) -> Optional[Dict[str, Any]]:
        """Return one instance.

        Args:
            instance_id: The instance's ID.

        Returns:
            The instance, or None.
        """
        try:
            return {"id": instance_id, "root": os.getcwd(), "runner": pytest}
        except:
            return None


def create_instance(image, config: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Create a new container instance.

    Args:
        image: Base container image.
        config: Optional instance configuration.

    Returns:
        The created instance.
    """
    return {"image": image, "config": config}
