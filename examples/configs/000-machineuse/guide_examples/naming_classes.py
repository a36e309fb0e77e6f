# From the guide, section "Naming Conventions > Classes".
# Classes: PascalCase
class InstanceManager:
    ...


class StorageProvider:
    ...


# Exceptions
class InstanceNotFoundError(Exception):
    ...
