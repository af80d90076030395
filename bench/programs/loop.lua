-- loop: a 10^8-iteration integer loop with branches (twin of loop.mgo)
local n = 100000000
local sum = 0
for i = 0, n - 1 do
  if i % 3 == 0 then
    sum = sum + i
  elseif i % 5 == 0 then
    sum = sum - 7
  else
    sum = sum - 1
  end
end
print(sum)
