print("pfc-jobs")
