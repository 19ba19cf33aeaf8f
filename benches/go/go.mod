module thread9/benches/go

go 1.19
