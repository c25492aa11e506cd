# Read the guest's KTAP (see guest/init) and print one verdict line a test:
#   PASS|FAIL|SKIP <dir>/<binary>: <test>
# Each selftest binary's own results are nested ("# ok 1 fixture.test");
# a binary that printed none counts as one test; a binary whose plan
# ("# 1..N") promised more results than it printed, or that exited non-zero
# while its tests passed, adds a FAIL line.
function flush() {
	if (bin == "")
		return
	if (nested == 0)
		print (top == "ok" ? (skip ? "SKIP" : "PASS") : "FAIL"), bin ": exit status"
	else {
		if (plan > nested)
			print "FAIL", bin ": " plan - nested " of " plan " results missing (crash or timeout?)"
		if (top == "not ok" && !nfail)
			print "FAIL", bin ": exited non-zero"
	}
	if (top == "")
		print "FAIL", bin ": never finished"
	bin = ""
}
/^# selftests: / {
	flush()
	sub(/^# selftests: /, ""); sub(/: /, "/")
	bin = $0; nested = 0; plan = 0; nfail = 0; top = ""; skip = 0
	next
}
bin != "" && /^# 1\.\.[0-9]+/ { plan = substr($2, 4) + 0; next }
bin != "" && /^# (not )?ok [0-9]+ / {
	line = substr($0, 3)
	verdict = "PASS"
	if (line ~ /^not ok/) { verdict = "FAIL"; nfail++ }
	else if (line ~ /# *SKIP/) verdict = "SKIP"
	sub(/^(not )?ok [0-9]+ /, "", line)
	sub(/ *#.*/, "", line)
	print verdict, bin ": " line
	nested++
	next
}
bin != "" && /^(not )?ok [0-9]+ selftests: / {
	top = ($1 == "not") ? "not ok" : "ok"
	skip = ($0 ~ /# SKIP/)
	flush()
	next
}
/^# mmho: tests done/ { done = 1 }
END {
	flush()
	print (done ? "PASS" : "FAIL"), "guest: ran every test to the end"
}
