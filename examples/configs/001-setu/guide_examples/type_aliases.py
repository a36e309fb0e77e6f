# From the guide, section "Setu Python Style Guide > Naming Conventions > Classes and Types > Type aliases".
from typing import Dict, List

# Type aliases
SessionId = str
TokenId = int
SessionMapping = Dict[SessionId, Session]
BatchTokens = List[List[TokenId]]
