"""Container management module.

This module provides the core functionality for managing
systemd-nspawn containers, including creation, lifecycle
management, and resource monitoring.

Example:
    >>> from machineuse.core.containers import ContainerManager
    >>> manager = ContainerManager()
    >>> container = await manager.create("test-1")
"""
# From the guide, section "Documentation > Module Docstrings" (blank lines and indentation restored).
