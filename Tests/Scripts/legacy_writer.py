# A legacy tool adding entries to batch_jobs_tracking.json, as the tests of pfc-jobs run it.
#   legacy_writer.py MODE PATH PREFIX COUNT PAUSE SIGNAL GAP
# MODE "inplace": open(path, "w") (truncates), pause PAUSE s (-1: random, short), json.dump.
# MODE "rename": write PATH.tmp-PID, pause, rename over PATH.
# SIGNAL: a file created right after each truncation ("-": none). GAP: at most this long between entries.
# Writers share an flock on PATH.writers (pfc-jobs never takes it), so they do not lose each other's
# entries: whatever is lost is lost to pfc-jobs.
import fcntl, json, os, random, sys, time
mode, path, prefix, count, pause, signal = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
gap = float(sys.argv[7])
def entry(key):
    return {"batch_job_id": key, "status": "pending", "submitted_at": "2026-11-01T12:00:00",
            "last_checked": None, "completed_at": None, "retrieved": False, "check_count": 0}
for i in range(count):
    key = "batches/%s%05d" % (prefix, i)
    with open(path + ".writers", "a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        while True:
            try:
                with open(path) as f:
                    data = json.load(f)
                break
            except (json.JSONDecodeError, FileNotFoundError):
                time.sleep(0.001)  # pfc-jobs never leaves it so, but a crashed writer might
        data[key] = entry(key)
        if mode == "inplace":
            f = open(path, "w")  # truncated from here on
            if signal != "-":
                open(signal, "w").close()
            time.sleep(pause if pause >= 0 else random.uniform(0, 0.03))
            json.dump(data, f, indent=2)
            f.close()
        else:
            temporary = "%s.tmp-%d" % (path, os.getpid())
            with open(temporary, "w") as f:
                json.dump(data, f, indent=2)
            time.sleep(pause if pause >= 0 else random.uniform(0, 0.01))
            os.rename(temporary, path)
    time.sleep(random.uniform(0, gap))
