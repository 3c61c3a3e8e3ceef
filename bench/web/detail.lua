-- A random patch's detail of P0000000 … P(N-1), N from $PATCHES.
local n = tonumber(os.getenv("PATCHES"))
math.randomseed(42)
request = function()
  return wrk.format("GET", string.format("/api/patches/2024M05/P%07d", math.random(0, n - 1)))
end
