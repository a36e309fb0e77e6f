# From the guide, section "Python Core Engineering Practices > Examples > Right — Context manager guarantees cleanup".
with open(path) as f:
    data = f.read()
    process(data)
# f closed even if process() raises
