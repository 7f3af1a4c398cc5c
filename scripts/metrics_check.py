#!/usr/bin/env python3
"""Checks pfc-jobs' Prometheus textfile: it must parse with prometheus_client's own parser, follow the naming
conventions, and every figure must match the job database, read here with sqlite3 independently of pfc-jobs.
Usage: metrics_check.py FILE.prom jobs.sqlite3 completed|failed   (the outcome the last run must show)."""
import json, math, os, re, sqlite3, sys, time
from prometheus_client.parser import text_string_to_metric_families

prom_path, db_path, expected_outcome = sys.argv[1:4]
text = open(prom_path, encoding="utf-8").read()
problems = []

def check(condition, message):
    if not condition:
        problems.append(message)

families = list(text_string_to_metric_families(text))
samples = {}
for family in families:
    check(family.type in ("gauge", "counter"), f"{family.name}: type {family.type}")
    check(bool(family.documentation), f"{family.name}: no HELP text")
    for sample in family.samples:
        check(sample.name.startswith("pfc_jobs_"), f"{sample.name}: no pfc_jobs_ prefix")
        if family.type == "counter":
            check(sample.name.endswith("_total"), f"{sample.name}: a counter not ending in _total")
        samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value

def value(name, **labels):
    key = (name, tuple(sorted(labels.items())))
    check(key in samples, f"missing sample {name}{labels}")
    return samples.get(key)

def expect(name, expected, labels=None, tolerance=1e-9):
    actual = value(name, **(labels or {}))
    if actual is not None:
        check(math.isclose(actual, expected, rel_tol=tolerance, abs_tol=tolerance),
              f"{name}{labels or ''} = {actual}, database says {expected}")

db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
rows = lambda sql: db.execute(sql).fetchall()

for status in ("pending", "completed", "failed", "cancelled", "expired"):
    expect("pfc_jobs_jobs", rows(f"SELECT COUNT(*) FROM jobs WHERE status = '{status}'")[0][0], {"status": status})
states = {state: rows(f"SELECT COUNT(*) FROM images WHERE state = '{state}'")[0][0] for state in ("pending", "done", "failed")}
for state, count in states.items():
    expect("pfc_jobs_images", count, {"state": state})
expect("pfc_jobs_images_retrieved_total", states["done"])
expect("pfc_jobs_images_failed_total", states["failed"])
expect("pfc_jobs_retrieved_bytes_total", rows("SELECT COALESCE(SUM(bytes), 0) FROM images WHERE state = 'done'")[0][0])
expect("pfc_jobs_webp_bytes_total", rows("SELECT COALESCE(SUM(webp_bytes), 0) FROM images WHERE state = 'done'")[0][0])

# Costs by model, from the request metadata as JSON (only numbers count).
costs = {}
for (metadata,) in rows("SELECT request_metadata FROM jobs"):
    fields = json.loads(metadata) if metadata else {}
    model = fields.get("model") if isinstance(fields.get("model"), str) and fields.get("model") else "unknown"
    number = lambda key: fields.get(key) if isinstance(fields.get(key), (int, float)) and not isinstance(fields.get(key), bool) else 0
    estimated, actual = costs.get(model, (0, 0))
    costs[model] = (estimated + number("estimated_cost_usd"), actual + number("actual_cost_usd"))
for model, (estimated, actual) in costs.items():
    expect("pfc_jobs_estimated_cost_usd_total", estimated, {"model": model}, tolerance=1e-9)
    expect("pfc_jobs_actual_cost_usd_total", actual, {"model": model}, tolerance=1e-9)

# The run that finished last.
start, end, outcome, claimed, retrieved, failed, errors = rows("""
    SELECT started_at, finished_at, outcome, claimed, retrieved, failed, errors FROM runs
    WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1""")[0]
check(outcome == expected_outcome, f"the database's last run is {outcome}, the test expected {expected_outcome}")
expect("pfc_jobs_last_run_start_timestamp_seconds", start / 1e6, tolerance=1e-6)
expect("pfc_jobs_last_run_end_timestamp_seconds", end / 1e6, tolerance=1e-6)
expect("pfc_jobs_last_run_duration_seconds", (end - start) / 1e6, tolerance=1e-6)
expect("pfc_jobs_last_run_success", 1 if outcome == "completed" else 0)
for result, count in (("claimed", claimed), ("retrieved", retrieved), ("failed", failed), ("errors", errors)):
    expect("pfc_jobs_last_run_jobs", count, {"result": result})
for run_outcome, finished in rows("SELECT outcome, MAX(finished_at) FROM runs WHERE finished_at IS NOT NULL GROUP BY outcome"):
    expect("pfc_jobs_last_run_outcome_timestamp_seconds", finished / 1e6, {"outcome": run_outcome}, tolerance=1e-6)
# The run's own image counts exist only when the run returned its report (not after a fatal error).
has_run_images = any(name == "pfc_jobs_last_run_images" for name, _ in samples)
check(has_run_images == (expected_outcome == "completed"), f"pfc_jobs_last_run_images present: {has_run_images}")

# API errors by code, told from the history's error texts.
def code(kind, message):
    head = message.split(": ", 1)[1] if kind == "transient-error" and ": " in message else message
    head = head[:160]
    match = re.search(r"\(HTTP (\d{3})", head)
    if match:
        return match.group(1)
    if head.startswith("batch not found on the API") or head.startswith("not found:") or ": not found:" in head:
        return "404"
    for marker, name in (("transport error (curl", "transport"), ("timeout:", "timeout"), ("truncated response body", "truncated"),
                         ("invalid response:", "invalid_response"), ("the API's answer is larger than", "answer_too_large")):
        if marker in head:
            return name
    return None
api_errors = {}
for kind, message in rows("SELECT kind, COALESCE(message, '') FROM job_events WHERE kind IN ('transient-error', 'not-found', 'failed')"):
    found = code(kind, message)
    if found:
        api_errors[found] = api_errors.get(found, 0) + 1
for found, count in api_errors.items():
    expect("pfc_jobs_api_errors_total", count, {"code": found})
written = {dict(labels)["code"] for name, labels in samples if name == "pfc_jobs_api_errors_total"}
check(written == set(api_errors), f"api error codes written {sorted(written)}, history has {sorted(api_errors)}")

# The oldest pending job's age, at the time the file was written (the file's mtime).
oldest = rows("SELECT MIN(COALESCE(submitted_at, created_at)) FROM jobs WHERE status = 'pending'")[0][0]
age = value("pfc_jobs_oldest_pending_job_age_seconds")
if oldest is not None and age is not None:
    expected_age = os.stat(prom_path).st_mtime - oldest / 1e6
    check(abs(age - expected_age) <= 2, f"oldest pending age {age}, expected about {expected_age:.1f}")

# The scenario must have produced what it is meant to test, or the comparisons above prove little.
check(states["done"] >= 2 and states["failed"] >= 1, f"images by state {states}: the scenario went wrong")
check(api_errors.get("503", 0) >= 1 and api_errors.get("404", 0) >= 2, f"api errors {api_errors}: expected 503 and 404")
check(sum(actual for _, actual in costs.values()) > 0, "no actual cost recorded")

for problem in problems:
    print("metrics-check:", problem)
print(f"metrics-check: {len(families)} families, {len(samples)} samples, {len(problems)} problem(s) ({expected_outcome} run)")
sys.exit(1 if problems else 0)
