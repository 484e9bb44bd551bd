//! The build's JavaScript, wasm and CSS, named once when the server starts.
//!
//! cargo-leptos (`hash-files`) names each file after a hash of its content
//! and lists the hashes in `hash.txt` beside the server binary, so browsers
//! may keep the files for a year. Leptos' `HydrationScripts` would read
//! that list from disk for every page it renders, so the server reads it
//! once and gives the three files one shared name that changes whenever
//! any of them does, `<project name>.<js hash><wasm hash><css hash>`. Pages are
//! rendered with that name as the build's output name (Leptos then has
//! nothing to look up), and `/pkg/` serves each file under it as well as
//! under its own. A rebuild under a running server writes a new list:
//! [`LiveBuild`] reads it again when it changes, so pages never name files
//! that are gone.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime};

use axum::extract::Request;
use leptos::prelude::LeptosOptions;

/// The options pages are rendered with, and the shared names `/pkg/`
/// answers to.
pub struct BuildFiles {
    pub options: LeptosOptions,
    /// Each shared name (`<project name>.<version>.js`) with the file's own.
    aliases: Vec<(String, String)>,
    /// The options as configured, and the hash list they were named from
    /// with its modification time; `None` without hashed names.
    source: Option<(LeptosOptions, PathBuf, Option<SystemTime>)>,
}

/// What goes wrong reading `hash.txt`; the server does not start.
#[derive(Debug, thiserror::Error)]
pub enum BuildFilesError {
    #[error(
        "cannot read {path}: {reason}. The release build writes it beside the server binary \
         (`cargo leptos build --release`); keep the two together"
    )]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path} names no {kind} file; rebuild with `cargo leptos build --release`")]
    Incomplete { path: PathBuf, kind: &'static str },
}

/// The three kinds of build file, as `hash.txt` names them, each with its
/// file extension.
const KINDS: [(&str, &str); 3] = [("js", "js"), ("wasm", "wasm"), ("css", "css")];

impl BuildFiles {
    /// Without hashed names (`cargo leptos watch`, tests) there is nothing to
    /// read, and pages name the files as they are.
    ///
    /// # Errors
    /// With hashed names, when `hash.txt` cannot be read or lacks a file.
    pub fn name_once(options: LeptosOptions) -> Result<Self, BuildFilesError> {
        if !options.hash_files {
            return Ok(Self {
                options,
                aliases: Vec::new(),
                source: None,
            });
        }
        let path = hash_list_path(&options);
        let modified = modified(&path);
        let list = std::fs::read_to_string(&path).map_err(|error| BuildFilesError::Unreadable {
            path: path.clone(),
            reason: error.to_string(),
        })?;
        let mut named = Self::from_hash_list(options.clone(), &list).map_err(|kind| {
            BuildFilesError::Incomplete {
                path: path.clone(),
                kind,
            }
        })?;
        named.source = Some((options, path, modified));
        Ok(named)
    }

    /// The build named again, when its hash list has changed since.
    fn renamed(&self) -> Option<Result<Self, BuildFilesError>> {
        let (options, path, named_at) = self.source.as_ref()?;
        (modified(path) != *named_at).then(|| Self::name_once(options.clone()))
    }

    /// The shared name for the hashes in `list` (`js: <hash>` lines).
    fn from_hash_list(mut options: LeptosOptions, list: &str) -> Result<Self, &'static str> {
        let hash_of = |kind: &'static str| {
            list.lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(name, _)| name.trim() == kind)
                .map(|(_, hash)| hash.trim().to_owned())
                .ok_or(kind)
        };
        let hashes = KINDS
            .iter()
            .map(|(kind, _)| hash_of(kind))
            .collect::<Result<Vec<_>, _>>()?;
        let name = options.output_name.to_string();
        let shared = format!("{name}.{}", hashes.concat());
        let aliases = KINDS
            .iter()
            .zip(&hashes)
            .map(|((_, extension), hash)| {
                (
                    format!("{shared}.{extension}"),
                    format!("{name}.{hash}.{extension}"),
                )
            })
            .collect();
        options.output_name = shared.into();
        // Pages now name the files by the shared name; immutable caching
        // stays on for `/pkg/` (see `build_output`).
        options.hash_files = false;
        Ok(Self {
            options,
            aliases,
            source: None,
        })
    }

    /// Whether the files have content-hashed names, so that browsers may
    /// keep them for good.
    pub fn are_hashed(&self) -> bool {
        !self.aliases.is_empty()
    }

    /// Points a request for a shared name (`/<project name>.<version>.wasm`,
    /// or its `.br`/`.gz` as the file server asks) at the file's own name.
    pub fn resolve(&self, mut request: Request) -> Request {
        let path = request.uri().path().trim_start_matches('/');
        let own = self
            .aliases
            .iter()
            .find(|(shared, _)| path == shared)
            .map(|(_, own)| format!("/{own}"));
        if let Some(own) = own {
            if let Ok(uri) = own.parse() {
                *request.uri_mut() = uri;
            }
        }
        request
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path)
        .and_then(|file| file.modified())
        .ok()
}

/// The build's names as they are now: named again when `hash.txt` has
/// changed, which is checked at most once a second.
pub struct LiveBuild {
    current: RwLock<Arc<BuildFiles>>,
    next_check: Mutex<Instant>,
}

impl LiveBuild {
    const CHECK_EVERY: Duration = Duration::from_secs(1);

    pub fn new(build: BuildFiles) -> Arc<Self> {
        Arc::new(Self {
            current: RwLock::new(Arc::new(build)),
            next_check: Mutex::new(Instant::now() + Self::CHECK_EVERY),
        })
    }

    /// The names pages use now.
    pub fn current(&self) -> Arc<BuildFiles> {
        if self.check_is_due() {
            self.rename_if_rebuilt();
        }
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Whether a second has passed since the last check; one caller wins.
    fn check_is_due(&self) -> bool {
        let Ok(mut next_check) = self.next_check.try_lock() else {
            return false;
        };
        let now = Instant::now();
        let due = now >= *next_check;
        if due {
            *next_check = now + Self::CHECK_EVERY;
        }
        due
    }

    fn rename_if_rebuilt(&self) {
        let renamed = self
            .current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .renamed();
        match renamed {
            None => {}
            Some(Ok(build)) => {
                tracing::info!(name = %build.options.output_name, "the build changed; pages name its new files");
                *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(build);
            }
            // Half written, say: keep the names that work and look again.
            Some(Err(error)) => tracing::warn!(%error, "the build changed but cannot be named yet"),
        }
    }
}

/// `hash.txt` (or whatever `LEPTOS_HASH_FILE_NAME` says) beside the running
/// binary, where cargo-leptos writes it and Leptos looks for it.
fn hash_list_path(options: &LeptosOptions) -> PathBuf {
    let binary = std::env::current_exe().unwrap_or_default();
    binary
        .parent()
        .unwrap_or(Path::new("."))
        .join(options.hash_file.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "js: J1\nwasm: W2\ncss: C3\nsplit: S4\n";

    fn options() -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("shop")
            .hash_files(true)
            .build()
    }

    #[test]
    fn the_three_files_share_one_name_made_of_their_hashes() {
        let files = BuildFiles::from_hash_list(options(), LIST).unwrap();
        assert_eq!(&*files.options.output_name, "shop.J1W2C3");
        assert!(
            !files.options.hash_files,
            "nothing left for Leptos to look up"
        );
        let resolved = |path: &str| {
            let request = Request::get(path).body(axum::body::Body::empty()).unwrap();
            files.resolve(request).uri().path().to_owned()
        };
        assert_eq!(resolved("/shop.J1W2C3.js"), "/shop.J1.js");
        assert_eq!(resolved("/shop.J1W2C3.wasm"), "/shop.W2.wasm");
        assert_eq!(resolved("/shop.J1W2C3.css"), "/shop.C3.css");
        assert_eq!(
            resolved("/shop.J1.js"),
            "/shop.J1.js",
            "own names still answer"
        );
        assert_eq!(resolved("/shop.other.js"), "/shop.other.js");
    }

    #[test]
    fn a_list_without_a_file_is_refused_by_kind() {
        let list = "js: J1\ncss: C3\n";
        assert_eq!(
            BuildFiles::from_hash_list(options(), list).err(),
            Some("wasm")
        );
    }

    #[test]
    fn a_missing_list_stops_the_server_with_a_sentence() {
        let options = LeptosOptions::builder()
            .output_name("shop")
            .hash_files(true)
            .hash_file(std::sync::Arc::from("no-such-hash-list.txt"))
            .build();
        let error = BuildFiles::name_once(options).err().unwrap().to_string();
        assert!(error.contains("no-such-hash-list.txt"), "{error}");
        assert!(error.contains("beside the server binary"), "{error}");
    }

    #[test]
    fn a_rebuild_under_a_running_server_is_named_again() {
        let folder = std::env::temp_dir().join(format!("build-files-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let list = folder.join("hash.txt");
        std::fs::write(&list, LIST).unwrap();
        let options = LeptosOptions::builder()
            .output_name("shop")
            .hash_files(true)
            .hash_file(std::sync::Arc::from(list.to_string_lossy().as_ref()))
            .build();
        let live = LiveBuild::new(BuildFiles::name_once(options).unwrap());
        assert_eq!(&*live.current().options.output_name, "shop.J1W2C3");

        std::fs::write(&list, "js: J9\nwasm: W9\ncss: C9\n").unwrap();
        // A later modification time, whatever the file system's resolution.
        let later = SystemTime::now() + Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&list)
            .unwrap()
            .set_modified(later)
            .unwrap();
        *live.next_check.lock().unwrap() = Instant::now();
        assert_eq!(&*live.current().options.output_name, "shop.J9W9C9");
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
