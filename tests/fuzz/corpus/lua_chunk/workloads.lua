local wl = require "workloads"
local t = wl.anon_leaker{size = "32M", rate = "1M"}
local c = wl.cyclic_working_set{size = "8M", kind = "file", dirty = true}
run(400)
print(dmesg(), #tasks(), t, c)
t:stop()
print(pcall(t.alloc, t, 10))
