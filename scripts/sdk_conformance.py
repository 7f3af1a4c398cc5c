#!/usr/bin/env python3
"""Drives the pfc-jobs Gemini Batch API emulator with Google's own Python SDK (google-genai).

Usage: EMULATOR_API_KEY=... sdk_conformance.py BASE_URL
The key comes from the environment so it never shows in a process list. Exits non-zero on the first failure.
The emulator runs with its defaults, which follow the real service: live Gemini 3 image models, thought parts,
inline output however big, 400 API_KEY_INVALID for a wrong key.
"""
import base64
import hashlib
import json
import os
import sys
import tempfile
import urllib.request

from google import genai
from google.genai import errors, types

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MODEL = "gemini-3-pro-image"


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"ok - {message}")


def control(base_url, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base_url + path, data=data, method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def inline_request(text, key, image_config=None):
    return {
        "contents": [{"role": "user", "parts": [{"text": text}]}],
        "metadata": {"key": key},
        "config": {"response_modalities": ["TEXT", "IMAGE"], "image_config": image_config or {"aspect_ratio": "1:1"}},
    }


def wait_until_done(client, name, polls=30):
    for _ in range(polls):
        job = client.batches.get(name=name)
        if job.done:
            return job
    raise AssertionError(f"{name} not done after {polls} polls")


def final_image(response):
    """The result image: the last inline image that is not a thought (drafts carry part.thought)."""
    finals = [p for p in response.candidates[0].content.parts if p.inline_data is not None and not p.thought]
    return (finals[-1].inline_data.data, finals[-1].inline_data.mime_type, finals[-1]) if finals else (None, None, None)


def png_size(data):
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def error_reason(error):
    details = (error.details or {}).get("error", {}).get("details", [])
    return next((d.get("reason") for d in details if d.get("@type", "").endswith("google.rpc.ErrorInfo")), None)


def main():
    base_url = sys.argv[1].rstrip("/")
    api_key = os.environ["EMULATOR_API_KEY"]
    client = genai.Client(api_key=api_key,
                          http_options=types.HttpOptions(base_url=base_url, api_version="v1beta"))

    # The model list and one model.
    names = [m.name for m in client.models.list(config={"page_size": 2})]
    check(names == ["models/gemini-3-pro-image", "models/gemini-3.1-flash-image", "models/gemini-3.1-flash-lite-image"],
          f"models.list over pages of 2 gives the three live image models: {names}")
    model = client.models.get(model=MODEL)
    check("batchGenerateContent" in (model.supported_actions or []), "models.get: the model supports batchGenerateContent")
    try:
        client.models.get(model="gemini-2.5-flash-image")
        check(False, "a retired model is not found")
    except errors.ClientError as error:
        check(error.code == 404 and error.status == "NOT_FOUND", "models.get of a retired model is 404 NOT_FOUND")

    # Create inline, poll until succeeded, read the final images (never the drafts).
    job = client.batches.create(
        model=MODEL,
        src=[inline_request("a red cat on a sofa", "req-1", {"aspect_ratio": "1:1", "image_size": "4K"}),
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
    parts = responses[0].response.candidates[0].content.parts
    drafts = [p for p in parts if p.inline_data is not None and p.thought]
    check(any(p.text and p.thought for p in parts) and len(drafts) == 1, "thought text and a draft image carry part.thought")
    data, mime, final_part = final_image(responses[0].response)
    check(mime == "image/png" and data.startswith(PNG_SIGNATURE), "the final image decodes to PNG bytes")
    check(png_size(data) == (64, 64), "the final PNG has the configured 64x64 size")
    check(drafts[0].inline_data.data != data, "the draft's bytes differ from the final image's")
    check(isinstance(final_part.thought_signature, bytes) and final_part.thought_signature,
          "the final image part carries a thoughtSignature (bytes to the SDK)")
    record = control(base_url, f"/_emulator/{job.name}")
    check(record["items"][0]["finalImages"][0]["bytes"] == len(data), "the control API describes the final image")
    usage = responses[0].response.usage_metadata
    check(usage.candidates_token_count == 2000 and usage.thoughts_token_count > 0
          and usage.candidates_tokens_details[0].modality.name == "IMAGE",
          "usageMetadata: 2000 image tokens for 4K, thought tokens, IMAGE modality")
    check(responses[1].response.prompt_feedback.block_reason.name == "SAFETY"
          and not responses[1].response.candidates, "a blocked prompt has promptFeedback and no candidates")
    data, mime, _ = final_image(responses[2].response)
    check(mime == "image/jpeg" and data.startswith(b"\xff\xd8"), "[emu:jpeg] gives JPEG bytes")

    # Requests the service refuses.
    for bad_model in ["gemini-3-pro-image-preview", "gemini-2.5-flash-image"]:
        try:
            client.batches.create(model=bad_model, src=[inline_request("x", "x")])
            check(False, f"{bad_model} is refused")
        except errors.ClientError as error:
            check(error.code == 404 and "is not found for API version v1beta" in (error.message or ""),
                  f"create with the retired {bad_model} is 404 NOT_FOUND")
    try:
        client.batches.create(model="gemini-3.1-flash-lite-image",
                              src=[inline_request("x", "x", {"image_size": "1K"})])
        check(False, "flash-lite refuses imageSize")
    except errors.ClientError as error:
        check(error.code == 400 and "image_size" in (error.message or ""), "flash-lite refuses imageSize with 400")

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

    # Inline input gets inline output however many items.
    many = client.batches.create(model=MODEL, src=[inline_request(f"inline item {i}", f"i{i}") for i in range(8)],
                                 config={"display_name": "sdk-many"})
    many = wait_until_done(client, many.name)
    check(many.dest.file_name is None and len(many.dest.inlined_responses) == 8, "eight items come back inline")

    # A responses file only when forced; download it through the SDK.
    control(base_url, "/_emulator/config", {"responsesFile": True})
    big = client.batches.create(model=MODEL, src=[inline_request(f"file item {i}", f"f{i}") for i in range(8)],
                                config={"display_name": "sdk-file"})
    big = wait_until_done(client, big.name)
    control(base_url, "/_emulator/config", {"responsesFile": False})
    check(big.state.name == "JOB_STATE_SUCCEEDED" and big.dest.file_name, f"a forced file batch has {big.dest.file_name}")
    content = client.files.download(file=big.dest.file_name)
    lines = [json.loads(line) for line in content.decode().splitlines() if line]
    check([line["key"] for line in lines] == [f"f{i}" for i in range(8)], "the responses file has one line per key")
    finals = [p for p in lines[0]["response"]["candidates"][0]["content"]["parts"] if "inlineData" in p and not p.get("thought")]
    check(base64.b64decode(finals[-1]["inlineData"]["data"]).startswith(PNG_SIGNATURE), "file lines carry PNG images")

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
        check(error.code == 400 and error.status == "INVALID_ARGUMENT" and error_reason(error) == "API_KEY_INVALID",
              "a wrong key gets 400 INVALID_ARGUMENT with ErrorInfo reason API_KEY_INVALID")

    # The Files API: the SDK's own resumable upload (8 MB chunks, sent without the key) of a JSONL input past
    # one chunk, the file's metadata, a batch created from it (src="files/..."), and its deletion.
    image = PNG_SIGNATURE + bytes((i * 7 + i // 251) % 256 for i in range(6_500_000))
    lines = [{"key": "u0", "request": {"contents": [{"role": "user", "parts": [
                 {"inlineData": {"mimeType": "image/png", "data": base64.b64encode(image).decode()}},
                 {"text": "the frog of the picture, in a hat"}]}]}},
             {"key": "u1", "request": {"contents": [{"parts": [{"text": "a heron at dawn"}]}],
                                      "generationConfig": {"responseModalities": ["TEXT", "IMAGE"]}}}]
    content = "".join(json.dumps(line) + "\n" for line in lines).encode()
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as handle:
        handle.write(content)
        handle.flush()
        uploaded = client.files.upload(file=handle.name, config={"mime_type": "application/jsonl",
                                                                 "display_name": "sdk-input", "name": "sdk-conformance-input"})
    check(uploaded.name == "files/sdk-conformance-input" and uploaded.size_bytes == len(content)
          and uploaded.state.name == "ACTIVE", f"files.upload stores {uploaded.name}, {uploaded.size_bytes} bytes, ACTIVE")
    held = control(base_url, "/_emulator/files/sdk-conformance-input")
    check(held["sha256"] == hashlib.sha256(content).hexdigest(), "the emulator holds the uploaded bytes exactly")
    check(client.files.get(name=uploaded.name).size_bytes == len(content), "files.get describes the file")
    from_file = client.batches.create(model=MODEL, src=uploaded.name, config={"display_name": "sdk-from-file"})
    from_file = wait_until_done(client, from_file.name)
    check(from_file.state.name == "JOB_STATE_SUCCEEDED" and from_file.dest.file_name,
          f"a batch from the uploaded file succeeds with {from_file.dest.file_name}")
    answered = [json.loads(line)["key"] for line in client.files.download(file=from_file.dest.file_name).decode().splitlines() if line]
    check(answered == ["u0", "u1"], "its responses file answers every line of the input, by key")
    received = control(base_url, f"/_emulator/{from_file.name}")["items"][0]["referenceImages"]
    check(received[0]["sha256"] == hashlib.sha256(image).hexdigest(), "the reference image inside the JSONL arrives byte for byte")
    client.files.delete(name=uploaded.name)
    try:
        client.files.get(name=uploaded.name)
        check(False, "a deleted file is gone")
    except errors.ClientError as error:
        check(error.code == 404, "files.get of a deleted file is 404")

    stats = control(base_url, "/_emulator/stats")
    check(stats["uploads"]["chunks"] == 2 and stats["uploads"]["finalized"] == 1, "the upload took two chunks")
    check(stats["requestsWithKeyInURL"] == 0, "the SDK never put the key in a URL")
    check(stats["batches"][big.name]["downloads"] == 1, "the emulator counted one download")
    check(stats["apiKeyInvalid"] == 1, "the emulator counted one wrong key")
    print("sdk conformance: all checks passed")


if __name__ == "__main__":
    try:
        main()
    except Exception as failure:  # noqa: BLE001 - report any failure as a failed check
        print(f"not ok - {type(failure).__name__}: {failure}", file=sys.stderr)
        sys.exit(1)
