"""The portal with the bench-only route /_bench/memory switched on and the API's rate
limit out of the way: what bench/report_card.py serves (``--module bench.memory_app:app``)."""
from portal import create_app

app = create_app({"BENCH_MEMORY_ROUTE": True, "API_RATE_LIMIT": "100000000 per minute"})
