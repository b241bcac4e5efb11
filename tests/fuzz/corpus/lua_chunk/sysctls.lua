sysctl.min_free_kbytes = 1024
sysctl.watermark_scale_factor = 1000
sysctl.watermark_boost_factor = 0
sysctl.lowmem_reserve_ratio = {1, 1, 1, 0, 0}
local z = node(0).zones.DMA32
print(z.min, z.low, z.high, z.promo, z.protection[0])
print(z:watermark_ok(3, "high", 2), node(0):balanced(0, 2))
print(zoneinfo(), buddyinfo(), pagetypeinfo())
