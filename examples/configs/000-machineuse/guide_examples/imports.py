# From the guide, section "Python Style > Imports (isort)" (the page lost its blank lines; restored).
# Standard library
import os
import sys
from datetime import datetime
from typing import Dict, List, Optional

# Third-party
import asyncio
import pytest
from fastapi import FastAPI

# Local
from machineuse.core.config import Config
from machineuse.core.storage import StorageProvider
