reset{nodes = {{zones = {DMA = "1M", DMA32 = "15M"}}}}
local f = alloc("14M", {kind = "file", dirty = true})
wake_kswapd(0, 0, 2)
for i = 1, 40 do step("line") end
local w = where()
print(w and w.fn, w and w.line)
step("lru") step_out() set_priority(3) step("priority")
cont()
free(f)
