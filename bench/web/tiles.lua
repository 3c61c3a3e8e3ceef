-- One of the warmed tiles at random ($TILES: "z/x/y z/x/y …").
local tiles = {}
for t in string.gmatch(os.getenv("TILES"), "%S+") do tiles[#tiles + 1] = t end
math.randomseed(42)
request = function()
  return wrk.format("GET", "/api/imagery/1/tiles/" .. tiles[math.random(1, #tiles)] .. ".png")
end
