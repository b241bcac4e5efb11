reset{nodes = {{zones = {DMA32 = "16M"}}}, swap = "8M", seed = 3}
local r = alloc("12M")
run(100)
print(vmstat().pswpout, node(0).kswapd.state)
free(r)
check()
