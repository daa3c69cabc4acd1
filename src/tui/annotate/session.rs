//! The annotate session as the terminal holds it: the editing session of
//! [`crate::annotation::edit::session`] (cursor, selection, index,
//! commands) and the form open over it, if any. A command that needs the
//! annotator's fields asks for them; this layer opens the form and hands
//! the values back.

use std::ops::{Deref, DerefMut};

use super::forms::{Form, FormOutcome};
use crate::annotation::Kind;
use crate::annotation::edit::action::AnnotateAction;
use crate::annotation::edit::editor::Editor;
use crate::annotation::edit::refusal::{Refusal, Said};
pub use crate::annotation::edit::session::{Effect, Filled, Placed, Purpose};
use crate::annotation::{Annotation, edit};
use crate::project::Project;
use crate::tui::keymap::Key;

/// A form open for a purpose: what Enter will commit.
#[derive(Debug)]
pub struct OpenForm {
    pub form: Form,
    pub purpose: Purpose,
}

#[derive(Debug)]
pub struct Session {
    pub core: edit::session::Session,
    pub form: Option<OpenForm>,
}

impl Deref for Session {
    type Target = edit::session::Session;

    fn deref(&self) -> &Self::Target {
        &self.core
    }
}

impl DerefMut for Session {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.core
    }
}

impl Session {
    pub fn new(project: &Project, article: usize, suggestions: Vec<Annotation>, editor: &Editor) -> Session {
        Session { core: edit::session::Session::new(project, article, suggestions, editor), form: None }
    }

    /// An action; a form opens when it needs the annotator's fields.
    pub fn handle(&mut self, action: AnnotateAction, project: &mut Project, editor: &mut Editor) -> Effect {
        let effect = self.core.handle(action, project, editor);
        self.open_wanted(project);
        effect
    }

    /// What the last command said, in the status bar's words.
    pub fn message(&self) -> Option<String> {
        self.core.said.as_ref().map(|s| super::said::words(s).0)
    }

    /// A key while a form is open.
    pub fn form_key(&mut self, key: Key, project: &mut Project, editor: &mut Editor) -> Effect {
        let Some(open) = &mut self.form else { return Effect::None };
        match open.form.handle_key(key) {
            FormOutcome::Pending => Effect::None,
            FormOutcome::Cancelled => {
                self.form = None;
                self.core.said = Some(Said::Refused(Refusal::Cancelled));
                Effect::None
            }
            FormOutcome::Submitted => {
                let Some(OpenForm { form, purpose }) = self.form.take() else { return Effect::None };
                let a = project.articles.get(self.core.article);
                let filled = match &purpose {
                    Purpose::Create(a) | Purpose::Accept(a) | Purpose::Edit(a) => {
                        Filled::Attrs(form.attrs(&a.attrs))
                    }
                    Purpose::Meta => {
                        let sc = &project.sidecars[self.core.article];
                        match a {
                            Some(a) => Filled::Meta(form.meta_override(&a.meta, &sc.header.meta)),
                            None => return Effect::None,
                        }
                    }
                };
                let effect = self.core.fill(purpose, filled, project, editor);
                self.open_wanted(project);
                effect
            }
        }
    }

    /// Opens the form the core asked for.
    fn open_wanted(&mut self, project: &Project) {
        let Some(purpose) = self.core.fields_wanted.take() else { return };
        let i = self.core.article;
        let form = match &purpose {
            Purpose::Meta => Form::meta(&project.sidecars[i].header.meta, &project.articles[i].meta),
            Purpose::Create(a) | Purpose::Accept(a) | Purpose::Edit(a) => {
                let date = self.core.article_date(project);
                let mut form = match a.kind {
                    Kind::Claim => Form::claim(&a.attrs, self.core.known(project), date),
                    Kind::Event => Form::event(&a.attrs, date),
                    Kind::Tag => Form::tag(&a.attrs),
                    Kind::Figure => Form::figure(&a.attrs),
                    Kind::Entity | Kind::Date => Form::entity(&a.attrs),
                };
                form.title = format!(
                    "{} \"{}\"",
                    a.label,
                    crate::text::inert_line(&a.quote.exact).chars().take(40).collect::<String>()
                );
                form
            }
        };
        self.form = Some(OpenForm { form, purpose });
    }
}
