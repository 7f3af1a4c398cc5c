#!/usr/bin/env python3
"""Baseline for bench/check.sh: what the old Python batch checker did, reduced to its retrieval path.

Sequential, one job after another: read metadata/batch_jobs_tracking.json, GET each unretrieved batch with
urllib, and for a SUCCEEDED batch base64-decode every inline image, save the PNG, write its metadata sidecar,
convert to WebP with Pillow (quality from batch_metadata, method 6) and write the WebP sidecar; finally write
the tracking file back. The old tool's `api_delay_seconds` pause between jobs is left out, so the figure is
pure work. Usage: GEMINI_API_KEY=... baseline_checker.py IMAGES_ROOT BASE_URL
"""
import base64
import datetime
import json
import os
import sys
import urllib.request

from PIL import Image


def main():
    root, base_url = sys.argv[1], sys.argv[2].rstrip("/")
    key = os.environ["GEMINI_API_KEY"]
    metadata_dir = os.path.join(root, "metadata")
    tracking_path = os.path.join(metadata_dir, "batch_jobs_tracking.json")
    for sub in ("original", "webp", "json"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    with open(tracking_path) as f:
        tracking = json.load(f)
    retrieved = failed = 0
    for job_id, entry in tracking.items():
        if entry.get("retrieved"):
            continue
        request = urllib.request.Request(f"{base_url}/v1beta/{job_id}", headers={"x-goog-api-key": key})
        with urllib.request.urlopen(request) as response:
            batch = json.load(response)
        entry["last_checked"] = datetime.datetime.now().isoformat()
        entry["check_count"] = entry.get("check_count", 0) + 1
        state = batch.get("metadata", {}).get("state", "")
        if not state.endswith("SUCCEEDED"):
            continue
        with open(os.path.join(metadata_dir, "batch_metadata", job_id + ".json")) as f:
            job = json.load(f)
        output = batch.get("response") or batch["metadata"].get("output", {})
        safe_id = job_id.replace("/", "_")
        for index, item in enumerate(output["inlinedResponses"]["inlinedResponses"]):
            parts = item.get("response", {}).get("candidates", [{}])[0].get("content", {}).get("parts", [])
            data = next((p["inlineData"]["data"] for p in parts if "inlineData" in p), None)
            if data is None:
                failed += 1
                continue
            # Unique per job: the old tool's req_<i>.png overwrote the previous job's file.
            name = f"{safe_id}_req_{index}"
            png_path = os.path.join(root, "original", name + ".png")
            with open(png_path, "wb") as f:
                f.write(base64.b64decode(data))
            sidecar = {
                "date_time_created": datetime.datetime.now().isoformat(),
                "prompt": job.get("prompt", ""), "title": job.get("title", ""),
                "description": job.get("description", ""), "alternative_text": job.get("alternative_text", ""),
                "caption": job.get("caption", ""), "provider": job.get("provider", "gemini"),
                "model": batch.get("metadata", {}).get("model", ""),
                "aspect_ratio": job.get("aspect_ratio", "1:1"), "image_size": job.get("image_size", "large"),
                "quality": 100, "cost": job.get("cost", 0.0),
            }
            with open(os.path.join(root, "json", name + ".png.json"), "w") as f:
                json.dump(sidecar, f, indent=2)
            if job.get("convert_to_webp", False):
                quality = job.get("webp_quality", 85)
                with Image.open(png_path) as image:
                    image.save(os.path.join(root, "webp", name + ".webp"), "WEBP", quality=quality, method=6)
                sidecar["date_time_created"] = datetime.datetime.now().isoformat()
                sidecar["quality"] = quality
                with open(os.path.join(root, "json", name + ".webp.json"), "w") as f:
                    json.dump(sidecar, f, indent=2)
            retrieved += 1
        entry.update(status="completed", retrieved=True, completed_at=datetime.datetime.now().isoformat())
    with open(tracking_path, "w") as f:
        json.dump(tracking, f, indent=2)
    print(f"Batch check complete: {retrieved} retrieved, {failed} failed/errors")


if __name__ == "__main__":
    main()
