#!/usr/bin/env python3
"""Drives `pfc-jobs mcp` with the official Python MCP SDK (`mcp`, pinned) against the pfc-jobs emulator.

Usage: EMULATOR_API_KEY=... mcp_conformance.py PFC_JOBS_BIN EMULATOR_URL WORK_FOLDER
The key comes from the environment so it never shows in a process list; the server gets it the same way.
A real client nobody here wrote lists the tools, queues images (a reference image by path and one as base64
data), retrieves them once the emulator finishes, lists, retries and cancels jobs, and sees refusals as tool
errors. Everything the server wrote to stdout is captured and must be JSON-RPC and nothing else. Exits non-zero
on the first failure.
"""
import asyncio
import base64
import hashlib
import json
import os
import struct
import subprocess
import sys
import urllib.request
import zlib

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

TOOLS = {"generate_image", "check_batch_status", "retrieve_batch_results", "list_jobs", "retry_job", "cancel_job"}
# retrieve_batch_results calls, a quarter second apart, before a job that stays pending fails the check.
POLLS = 120


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"ok - {message}")


def png(width, height, seed):
    """A small RGB PNG made here with zlib, so the bytes are independent of pfc-jobs' encoders."""
    rows = b"".join(b"\x00" + bytes((x * 37 + y * 11 + seed) % 256 for x in range(width * 3)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def control(base_url, path):
    with urllib.request.urlopen(base_url + path, timeout=60) as response:
        return json.loads(response.read())


def text_of(result):
    return "".join(part.text for part in result.content if getattr(part, "type", "") == "text")


async def call(session, name, arguments):
    """A successful call's JSON answer; fails the check on a tool error."""
    result = await session.call_tool(name, arguments)
    check(not result.is_error, f"{name} succeeds: {text_of(result)[:300] if result.is_error else 'no error'}")
    return json.loads(text_of(result))


async def refused(session, name, arguments):
    """A refused call's text; fails the check when the call was not a tool error."""
    result = await session.call_tool(name, arguments)
    check(result.is_error is True, f"{name} {sorted(arguments)} is a tool error (is_error)")
    return text_of(result)


async def retrieve_until_done(session, job_id):
    for _ in range(POLLS):
        job = await call(session, "retrieve_batch_results", {"batch_job_id": job_id})
        if job["status"] != "pending":
            return job
        await asyncio.sleep(0.25)
    raise AssertionError(f"{job_id} still pending after {POLLS} retrieve_batch_results calls")


async def drive(binary, base_url, work):
    config = os.path.join(work, "config.json")
    images = os.path.join(work, "images")
    with open(config, "w") as handle:
        json.dump({"generated_images_path": images, "gemini_api_base_url": base_url, "default_model": "gemini-3-pro-image",
                   "batch_check_interval_minutes": 15}, handle)
    reference = os.path.join(work, "frog reference.png")
    reference_bytes = png(24, 16, 3)
    with open(reference, "wb") as handle:
        handle.write(reference_bytes)
    inline_bytes = png(12, 12, 200)

    # The server's stdout goes through tee into a file as well, so every byte it wrote can be checked afterwards.
    stdout_copy = os.path.join(work, "server-stdout.jsonl")
    stderr_copy = os.path.join(work, "server-stderr.log")
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work,
                   "GEMINI_API_KEY": os.environ["EMULATOR_API_KEY"]}
    server = StdioServerParameters(
        command="/bin/bash",
        args=["-c", 'set -o pipefail; "$0" mcp --config "$1" | tee "$2"', binary, config, stdout_copy],
        env=environment, cwd="/")
    with open(stderr_copy, "w") as errlog:
        async with stdio_client(server, errlog=errlog) as (read, write):
            async with ClientSession(read, write) as session:
                initialized = await session.initialize()
                check(initialized.server_info.name == "pfc-jobs", f"initialize: server {initialized.server_info.name}")

                listed = await session.list_tools()
                names = {tool.name for tool in listed.tools}
                check(names == TOOLS, f"tools/list gives the six tools: {sorted(names)}")
                for tool in listed.tools:
                    schema = tool.input_schema
                    check(schema.get("type") == "object" and isinstance(schema.get("properties"), dict)
                          and tool.description and len(tool.description) > 40,
                          f"{tool.name} has a description and an object schema with properties")
                generate = next(tool for tool in listed.tools if tool.name == "generate_image")
                check(generate.input_schema.get("required") == ["prompt"]
                      and {"prompt", "reference_images", "quality", "priority", "webp_quality"} <= set(generate.input_schema["properties"]),
                      "generate_image takes the old tool's parameters and requires only prompt")

                # Refusals come back as tool errors with the CLI's clear text; nothing is recorded or sent.
                text = await refused(session, "generate_image", {"prompt": "a frog", "priority": "high"})
                check("batch jobs only" in text and "high" in text, f"priority high is refused: {text}")
                text = await refused(session, "generate_image", {"prompt": "a frog", "quality": "pro", "aspect_ratio": "1:8"})
                check('aspect_ratio "1:8"' in text and "gemini-3-pro-image" in text and "16:9" in text,
                      f"a bad aspect ratio names the field, the model and what it takes: {text}")
                text = await refused(session, "generate_image", {"prompt": "a frog", "reference_images": [os.path.join(work, "missing.png")]})
                check("reference_images" in text and "no such file" in text, f"a missing reference image is named: {text}")
                text = await refused(session, "retrieve_batch_results", {"batch_job_id": "batches/nothing-here"})
                check("no job with id 'batches/nothing-here'" in text, f"an unknown job is the CLI's error: {text}")
                check(await call(session, "list_jobs", {}) == [], "the refused calls recorded no job")

                # A reference image by path: its bytes reach the service unchanged, before the prompt.
                queued = await call(session, "generate_image", {
                    "prompt": "the same frog, reading a newspaper", "reference_images": [reference], "quality": "pro",
                    "image_size": "large", "aspect_ratio": "16:9", "title": "Frog news", "webp_quality": 80})
                job_id = queued["batch_job_id"]
                check(job_id.startswith("batches/") and queued["success"] is True and queued["priority"] == "low",
                      f"generate_image queues batch {job_id}")
                check(isinstance(queued["estimated_cost_usd"], float) and queued["estimated_cost_usd"] > 0
                      and queued["estimated_completion"] and job_id in queued["message"],
                      f"the answer carries the estimate (${queued['estimated_cost_usd']}), the completion and a message")
                record = control(base_url, f"/_emulator/{job_id}")
                received = record["items"][0]["referenceImages"]
                check(len(received) == 1 and received[0]["sha256"] == hashlib.sha256(reference_bytes).hexdigest()
                      and received[0]["mimeType"] == "image/png" and received[0]["part"] == 0,
                      "the emulator received the reference image byte for byte (sha256), before the prompt")
                check(record["model"].endswith("gemini-3-pro-image"), f"quality pro went to {record['model']}")

                # A reference image as base64 data: kept on disk by digest, sent byte for byte.
                second = await call(session, "generate_image", {
                    "prompt": "a heron", "quality": "fast", "convert_to_webp": False,
                    "reference_images": [{"data": base64.b64encode(inline_bytes).decode(), "mime_type": "image/png"}]})
                inline_received = control(base_url, f"/_emulator/{second['batch_job_id']}")["items"][0]["referenceImages"]
                check(inline_received[0]["sha256"] == hashlib.sha256(inline_bytes).hexdigest(),
                      "a base64 reference image reached the emulator byte for byte")
                kept = second["reference_image_paths"][0]
                with open(kept, "rb") as handle:
                    check(handle.read() == inline_bytes, f"and is kept as {os.path.basename(kept)} for the metadata")

                pending = await call(session, "check_batch_status", {})
                check({job["id"] for job in pending} == {job_id, second["batch_job_id"]},
                      "check_batch_status without an id lists both pending jobs")

                # Cancel and retry the second job (the check below may then retrieve it).
                cancelled = await call(session, "cancel_job", {"batch_job_id": second["batch_job_id"]})
                check(cancelled["status"] == "cancelled", "cancel_job cancels a pending job")
                check(control(base_url, f"/_emulator/{second['batch_job_id']}")["state"].endswith("CANCELLED"),
                      "and the batch on the emulator")
                text = await refused(session, "cancel_job", {"batch_job_id": second["batch_job_id"]})
                check("only a pending job can be cancelled" in text, f"a second cancel is refused: {text}")
                retried = await call(session, "retry_job", {"batch_job_id": second["batch_job_id"]})
                check(retried["status"] == "pending" and "due now" in retried["message"], "retry_job makes it pending again")

                # A scheduled check running at the same time as retrieve_batch_results: claims keep them apart.
                checker = subprocess.Popen([binary, "check", "--config", config], env=environment,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                job = await retrieve_until_done(session, job_id)
                check(checker.wait(timeout=120) == 0, "a concurrent `pfc-jobs check` exits 0")
                check(job["status"] == "completed" and job["images_done"] == 1 and len(job["images"]) == 1,
                      f"retrieve_batch_results ends completed with one image: {job['message']}")
                image = job["images"][0]
                check(os.path.isfile(image["original_path"]) and os.path.isfile(image["webp_path"])
                      and os.path.isfile(image["original_sidecar_path"]),
                      f"the image, its WebP and its sidecar exist: {os.path.basename(image['original_path'])}")
                check(image["metadata"]["title"] == "Frog news" and image["metadata"]["prompt"].startswith("the same frog"),
                      "the image comes with its sidecar metadata")
                check(image["original_path"].startswith(os.path.join(images, "original")), "under the configured images root")

                listed_jobs = await call(session, "list_jobs", {"status": "completed"})
                check([row["id"] for row in listed_jobs] == [job_id] and listed_jobs[0]["images_done"] == 1,
                      "list_jobs status completed gives the retrieved job")
                shown = await call(session, "check_batch_status", {"batch_job_id": job_id.removeprefix("batches/")})
                check(shown["status"] == "completed" and shown["request"]["title"] == "Frog news" and shown["history"],
                      "check_batch_status by the bare id gives the job as show --json does")
                text = await refused(session, "retry_job", {"batch_job_id": job_id})
                check("force: true" in text, f"retry of a completed job asks for force: {text}")

    # After the session: stdout held protocol messages only, logs went to stderr.
    with open(stdout_copy, "rb") as handle:
        lines = [line for line in handle.read().split(b"\n") if line]
    messages = [json.loads(line) for line in lines]
    check(len(messages) > 10 and all(message.get("jsonrpc") == "2.0" for message in messages),
          f"all {len(messages)} lines on the server's stdout are JSON-RPC messages")
    with open(stderr_copy) as handle:
        logged = handle.read()
    check("MCP server started" in logged and "] [INFO] " in logged, "the server's log lines went to stderr")
    check(os.environ["EMULATOR_API_KEY"] not in logged, "the key never appears in the log")
    log_file = os.path.join(images, "metadata", "logs", "batch_checker.log")
    with open(log_file) as handle:
        check("MCP generate_image: queued" in handle.read(), "and to the log file")


def main():
    binary, base_url, work = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3]
    asyncio.run(drive(os.path.abspath(binary), base_url, work))
    print("mcp-conformance: all checks passed")


if __name__ == "__main__":
    main()
