#pragma once
// A layer-check fixture: the header the one below includes.
