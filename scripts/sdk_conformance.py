#!/usr/bin/env python3
"""Drives the pfc-jobs Gemini Batch API emulator with Google's own Python SDK (google-genai).

Usage: EMULATOR_API_KEY=... sdk_conformance.py BASE_URL
The key comes from the environment so it never shows in a process list. Exits non-zero on the first failure.
"""
import base64
import json
import sys
import time
import urllib.request

from google import genai
from google.genai import errors, types

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MODEL = "gemini-2.5-flash-image"


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"ok - {message}")


def control(base_url, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base_url + path, data=data, method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def inline_request(text, key):
    return {
        "contents": [{"role": "user", "parts": [{"text": text}]}],
        "metadata": {"key": key},
        "config": {"response_modalities": ["TEXT", "IMAGE"], "image_config": {"aspect_ratio": "1:1"}},
    }


def wait_until_done(client, name, polls=30):
    for _ in range(polls):
        job = client.batches.get(name=name)
        if job.done:
            return job
    raise AssertionError(f"{name} not done after {polls} polls")


def image_bytes(response):
    for part in response.candidates[0].content.parts:
        if part.inline_data is not None:
            return part.inline_data.data, part.inline_data.mime_type
    return None, None


def png_size(data):
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def main():
    base_url = sys.argv[1].rstrip("/")
    api_key = __import__("os").environ["EMULATOR_API_KEY"]
    client = genai.Client(api_key=api_key,
                          http_options=types.HttpOptions(base_url=base_url, api_version="v1beta"))

    # Create inline, poll until succeeded, read the images.
    job = client.batches.create(
        model=MODEL,
        src=[inline_request("a red cat on a sofa", "req-1"),
             inline_request("a blue dog [emu:blocked]", "req-2"),
             inline_request("a green bird [emu:jpeg]", "req-3")],
        config={"display_name": "sdk-inline"})
    check(job.name.startswith("batches/") and len(job.name) == len("batches/") + 36, f"create returns {job.name}")
    check(job.state.name == "JOB_STATE_PENDING", "a new batch is pending")
    job = wait_until_done(client, job.name)
    check(job.state.name == "JOB_STATE_SUCCEEDED", "the batch succeeds")
    responses = job.dest.inlined_responses
    check(len(responses) == 3, "three inline responses in input order")
    check([r.metadata["key"] for r in responses] == ["req-1", "req-2", "req-3"], "metadata.key is echoed back")
    data, mime = image_bytes(responses[0].response)
    check(mime == "image/png" and data.startswith(PNG_SIGNATURE), "the first image decodes to PNG bytes")
    check(png_size(data) == (64, 64), "the PNG has the configured 64x64 size")
    check(responses[1].response.prompt_feedback.block_reason.name == "SAFETY"
          and not responses[1].response.candidates, "a blocked prompt has promptFeedback and no candidates")
    data, mime = image_bytes(responses[2].response)
    check(mime == "image/jpeg" and data.startswith(b"\xff\xd8"), "[emu:jpeg] gives JPEG bytes")

    # List across pages.
    extra = [client.batches.create(model=MODEL, src=[inline_request(f"list item {i}", f"l{i}")],
                                   config={"display_name": f"sdk-list-{i}"}) for i in range(3)]
    listed = [j.name for j in client.batches.list(config={"page_size": 2})]
    check(all(j.name in listed for j in extra + [job]), f"list over pages of 2 finds all {len(listed)} batches")

    # Cancel.
    client.batches.cancel(name=extra[0].name)
    check(client.batches.get(name=extra[0].name).state.name == "JOB_STATE_CANCELLED", "cancel gives CANCELLED")

    # Delete.
    client.batches.delete(name=extra[1].name)
    check(extra[1].name not in [j.name for j in client.batches.list()], "a deleted batch leaves the list")
    try:
        client.batches.get(name=extra[1].name)
        check(False, "get of a deleted batch fails")
    except errors.ClientError as error:
        check(error.code == 404 and error.status == "NOT_FOUND", "get of a deleted batch is 404 NOT_FOUND")

    # A batch above the inline limit gets a responses file; download it through the SDK.
    big = client.batches.create(model=MODEL, src=[inline_request(f"file item {i}", f"f{i}") for i in range(8)],
                                config={"display_name": "sdk-file"})
    big = wait_until_done(client, big.name)
    check(big.state.name == "JOB_STATE_SUCCEEDED" and big.dest.file_name, f"large batch has {big.dest.file_name}")
    content = client.files.download(file=big.dest.file_name)
    lines = [json.loads(line) for line in content.decode().splitlines() if line]
    check([line["key"] for line in lines] == [f"f{i}" for i in range(8)], "the responses file has one line per key")
    part = next(p for p in lines[0]["response"]["candidates"][0]["content"]["parts"] if "inlineData" in p)
    check(base64.b64decode(part["inlineData"]["data"]).startswith(PNG_SIGNATURE), "file lines carry PNG images")

    # The SDK's default /v1 prefix.
    default_client = genai.Client(api_key=api_key, http_options=types.HttpOptions(base_url=base_url))
    check(default_client.batches.get(name=job.name).state.name == "JOB_STATE_SUCCEEDED", "the default /v1 prefix works")

    # A wrong key is refused the way the real service refuses it.
    wrong_client = genai.Client(api_key="wrong-key",
                                http_options=types.HttpOptions(base_url=base_url, api_version="v1beta"))
    try:
        wrong_client.batches.get(name=job.name)
        check(False, "a wrong key is refused")
    except errors.ClientError as error:
        check(error.code == 403 and error.status == "PERMISSION_DENIED", "a wrong key gets 403 PERMISSION_DENIED")

    stats = control(base_url, "/_emulator/stats")
    check(stats["requestsWithKeyInURL"] == 0, "the SDK never put the key in a URL")
    check(stats["batches"][big.name]["downloads"] == 1, "the emulator counted one download")
    print("sdk conformance: all checks passed")


if __name__ == "__main__":
    try:
        main()
    except Exception as failure:  # noqa: BLE001 - report any failure as a failed check
        print(f"not ok - {type(failure).__name__}: {failure}", file=sys.stderr)
        sys.exit(1)
