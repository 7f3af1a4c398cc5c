print("claim-worker")
