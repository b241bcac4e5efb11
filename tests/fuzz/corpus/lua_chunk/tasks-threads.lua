local t = task("fz", {oom_score_adj = 1000})
local r = t:alloc("2M", {kind = "anon"})
t:start{kind = "file", size = "4M", rate = 64, every = 2, cycle = true}
local co = coroutine.wrap(function () for i = 1, 5 do run(10) coroutine.yield(i) end end)
for i = 1, 5 do co() end
t:free(r)
disk{bandwidth = 1, latency = 1000}
run(50)
trace(true) run(5) trace(false)
print(regions(), current_task(), jiffies(), now())
