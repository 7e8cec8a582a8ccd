// The languages of the talk and of the window: English (the default, and the
// only one of the CLI, golden transcripts and JSON) and French.
#pragma once

namespace radeau {

enum class Language { English, French };

}  // namespace radeau
