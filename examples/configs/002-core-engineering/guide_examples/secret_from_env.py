# From the guide, section "Python Core Engineering Practices > Examples > Right — Env or secret manager".
import os

API_KEY = os.environ["API_KEY"]  # Set at runtime; not in code
# Or: load from secret manager in config module, validate at startup
