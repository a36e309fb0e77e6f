# From the guide, section "Python Core Engineering Practices > Examples > Right — Validate at boundary; then pass validated value".
from pydantic import BaseModel

class UserQuery(BaseModel):
    id: int  # Validated type

query = UserQuery(id=request.args.get("id"))  # ValidationError if invalid
cursor.execute("SELECT * FROM users WHERE id = ?", (query.id,))
