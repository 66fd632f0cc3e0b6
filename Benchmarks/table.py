"""Turns the JSON lines of mime-bench and the reference harnesses into a markdown table."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip().startswith("{")]
print("| parser | corpus | MB/s (CPU time) | MB/s (wall) | messages/s (CPU time) | peak RSS MB | job peak over corpus MB | decoded MB |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    mb = r["bytes"] / 1e6
    print("| {parser} | {corpus} ({n} msgs, {mb:.0f} MB) | {cpu:.0f} | {wall:.0f} | {mps:,.0f} | {hwm:.0f} | {over:.0f} | {dec:.1f} |".format(
        parser=r["parser"], corpus=r["corpus"], n=r["messages"], mb=mb,
        cpu=mb / r["cpu"], wall=mb / r["wall"], mps=r["messages"] / r["cpu"],
        hwm=r["hwm_kb"] / 1024, over=(r["hwm_kb"] - r["base_kb"]) / 1024, dec=r["decoded"] / 1e6))
