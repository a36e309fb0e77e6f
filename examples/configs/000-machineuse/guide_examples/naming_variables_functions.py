# From the guide, section "Naming Conventions > Variables and Functions".
# Variables: snake_case
instance_id = "abc123"
max_instances = 50


# Functions: snake_case
def create_instance():
    ...


async def get_cluster_status():
    ...
