"""Who gets what from every route: the one expected-access table of the portal.

One line per (endpoint, HTTP method), or per (endpoint:step, method) where a route
takes a step: each workflow step (skp.action, monthly_report.action, complaint.act,
content_item.transition_view) and each list action of a Flask-Admin view
(action_view; "delete" is on every view, allowed or not). One column per role: an
anonymous visitor, then the signed-in roles (``petugas`` is petugas_pengaduan).
Each cell is what the user gets when tests/access_walk.py asks with the records it
makes (the pegawai's SKP and monthly report, appraised by the penilai; a complaint
not yet disposed; published content; an upcoming event):

    deleted  the record is gone (delete_view with its ``id``, action_view "delete"
             with its ``rowid``)
    changed  the record changed: the edit form saved (edit_view, posting the page's
             own form with one text changed), a list action or a workflow step done
             (the record is first put in a state the step starts from)
    login    redirected to the sign-in page (anonymous on a signed-in page)
    403      refused: the role may not use this page, or not on this record
    404      no such record for this user (row-level rules hide what is not theirs)
    200/302  served / sent back to a page; on a delete, edit, list action or workflow
             step: the record is unchanged (Flask-Admin's refusal or a flashed error)
    400/409/422  allowed in, but the request was refused as invalid or out of turn

Other writes carry nothing but a valid CSRF token. Every request that deletes,
changes or moves a record is undone before the next one.

tests/test_access_table.py fails when a route or step has no line here (add one when
you add a route, a list action or a workflow step), when a line names one that is
gone, when a response differs, and when a back-office line lets in a role that
admin/access.py VIEW_ROLES does not.
Regenerate the observed cells with
``LENTERA_RECORD_ACCESS=/tmp/x pytest -p no:xdist tests/test_access_table.py`` (one
JSON file per role) and review every change before copying it here: a new "200",
"changed" or "deleted" for a role is a new permission.
"""

ROLES = ("anonymous", "pegawai", "penilai", "operator", "admin", "petugas_pengaduan")

TABLE = """
# endpoint[:step]                              verb  anon    pegawai penilai operato admin   petugas
# --- public site, sign-in and APIs -----------------------------------------------------------------
api.complaint_status                           GET   200     200     200     200     200     200
api.create_complaint                           POST  403     403     403     403     403     403
auth.change_password                           GET   login   200     200     200     200     200
auth.change_password                           POST  login   200     200     200     200     200
auth.login                                     GET   200     302     302     302     302     302
auth.login                                     POST  200     302     302     302     302     302
auth.logout                                    POST  302     302     302     302     302     302
auth.set_language                              POST  302     302     302     302     302     302
complaints.index                               GET   302     302     302     302     302     302
complaints.new                                 GET   200     200     200     200     200     200
complaints.new                                 POST  400     400     400     400     400     400
complaints.received                            GET   302     302     302     302     302     302
complaints.rate                                GET   409     409     409     409     409     409
complaints.rate                                POST  409     409     409     409     409     409
complaints.track                               GET   200     200     200     200     200     200
conversation.attachment                        GET   200     200     200     200     200     200
conversation.message                           POST  400     400     400     400     400     400
conversation.mine                              GET   200     200     200     200     200     200
conversation.own_attachment                    GET   200     200     200     200     200     200
conversation.reopen                            POST  303     303     303     303     303     303
content.attachment                             GET   200     200     200     200     200     200
content.awards                                 GET   200     200     200     200     200     200
content.image                                  GET   200     200     200     200     200     200
content.index                                  GET   200     200     200     200     200     200
content.item                                   GET   200     200     200     200     200     200
content.news_feed                              GET   200     200     200     200     200     200
custom_forms.index                             GET   200     200     200     200     200     200
custom_forms.page                              GET   200     200     200     200     200     200
custom_forms.page                              POST  303     303     303     303     303     303
custom_forms.sent                              GET   302     302     302     302     302     302
events.attend                                  GET   409     409     409     409     409     409
events.attend                                  POST  409     409     409     409     409     409
events.cancel_view                             GET   200     200     200     200     200     200
events.cancel_view                             POST  200     200     200     200     200     200
events.event                                   GET   200     200     200     200     200     200
events.event                                   POST  400     400     400     400     400     400
events.ics                                     GET   200     200     200     200     200     200
events.index                                   GET   200     200     200     200     200     200
healthz                                        GET   200     200     200     200     200     200
open311.request_create                         POST  403     403     403     403     403     403
open311.request_list                           GET   200     200     200     200     200     200
open311.request_one                            GET   200     200     200     200     200     200
open311.service_definition                     GET   200     200     200     200     200     200
open311.service_list                           GET   200     200     200     200     200     200
compare.compare                                GET   200     200     200     200     200     200
compare.compare_api                            GET   200     200     200     200     200     200
compare.compare_csv                            GET   200     200     200     200     200     200
compare.trend                                  GET   200     200     200     200     200     200
compare.trend_api                              GET   200     200     200     200     200     200
compare.trend_csv                              GET   200     200     200     200     200     200
opendata.api_ikm                               GET   200     200     200     200     200     200
opendata.api_units                             GET   200     200     200     200     200     200
opendata.catalogue                             GET   200     200     200     200     200     200
opendata.complaints_csv                        GET   200     200     200     200     200     200
opendata.datapackage                           GET   200     200     200     200     200     200
opendata.docs                                  GET   200     200     200     200     200     200
opendata.ikm_csv                               GET   200     200     200     200     200     200
opendata.openapi                               GET   200     200     200     200     200     200
opendata.report_csv                            GET   200     200     200     200     200     200
opendata.unit_report                           GET   200     200     200     200     200     200
opendata.units_csv                             GET   200     200     200     200     200     200
public.criteria                                GET   200     200     200     200     200     200
public.home                                    GET   200     200     200     200     200     200
public.unit                                    GET   200     200     200     200     200     200
reports.listing                                GET   200     200     200     200     200     200
reports.report                                 GET   200     200     200     200     200     200
reports.similar                                GET   200     200     200     200     200     200
reports.unit_feed                              GET   200     200     200     200     200     200
survey.answer                                  GET   200     200     200     200     200     200
survey.answer                                  POST  422     422     422     422     422     422
survey.choose                                  GET   200     200     200     200     200     200
survey.thanks                                  GET   200     200     200     200     200     200
# --- back office (/admin): view-level rules in admin/access.py, row-level in each view -------------
account.action_view:delete                     POST  login   403     403     403     deleted 403
account.action_view:unlock                     POST  login   403     403     403     302     403
account.ajax_lookup                            GET   login   403     403     403     200     403
account.ajax_update                            POST  login   403     403     403     404     403
account.create_view                            GET   login   403     403     403     200     403
account.create_view                            POST  login   403     403     403     200     403
account.delete_view                            POST  login   403     403     403     deleted 403
account.details_view                           GET   login   403     403     403     200     403
account.edit_view                              GET   login   403     403     403     200     403
account.edit_view                              POST  login   403     403     403     changed 403
account.export                                 GET   login   403     403     403     302     403
account.index_view                             GET   login   403     403     403     200     403
admin.index                                    GET   login   200     200     200     200     200
audit.action_view:delete                       POST  login   403     403     302     302     403
audit.ajax_lookup                              GET   login   403     403     404     404     403
audit.ajax_update                              POST  login   403     403     404     404     403
audit.create_view                              GET   login   403     403     302     302     403
audit.create_view                              POST  login   403     403     302     302     403
audit.delete_view                              POST  login   403     403     302     302     403
audit.details_view                             GET   login   403     403     200     200     403
audit.edit_view                                GET   login   403     403     302     302     403
audit.edit_view                                POST  login   403     403     302     302     403
audit.export                                   GET   login   403     403     200     200     403
audit.index_view                               GET   login   403     403     200     200     403
award.action_view:delete                       POST  login   403     403     deleted deleted 403
award.ajax_lookup                              GET   login   403     403     200     200     403
award.ajax_update                              POST  login   403     403     404     404     403
award.certificate_view                         GET   login   403     403     200     200     403
award.create_view                              GET   login   403     403     200     200     403
award.create_view                              POST  login   403     403     200     200     403
award.delete_view                              POST  login   403     403     deleted deleted 403
award.details_view                             GET   login   403     403     200     200     403
award.edit_view                                GET   login   403     403     200     200     403
award.edit_view                                POST  login   403     403     changed changed 403
award.export                                   GET   login   403     403     200     200     403
award.index_view                               GET   login   403     403     200     200     403
complaint.act:answer                           POST  login   403     403     403     403     403
complaint.act:archive                          POST  login   403     403     changed changed changed
complaint.act:close                            POST  login   403     403     changed changed changed
complaint.act:dispose                          POST  login   403     403     changed changed changed
complaint.act:follow_up                        POST  login   403     403     403     403     403
complaint.act:not_our_authority                POST  login   403     403     changed changed changed
complaint.act:postpone                         POST  login   403     403     changed changed changed
complaint.act:reopen                           POST  login   403     403     403     403     403
complaint.act:verify                           POST  login   403     403     changed changed changed
complaint.action_view:delete                   POST  login   403     403     302     302     302
complaint.ajax_lookup                          GET   login   403     403     404     404     404
complaint.ajax_update                          POST  login   403     403     404     404     404
complaint.attachment                           GET   login   403     403     200     200     200
complaint.create_view                          GET   login   403     403     302     302     302
complaint.create_view                          POST  login   403     403     302     302     302
complaint.delete_view                          POST  login   403     403     302     302     302
complaint.details_view                         GET   login   403     403     302     302     302
complaint.edit_view                            GET   login   403     403     302     302     302
complaint.edit_view                            POST  login   403     403     302     302     302
complaint.export                               GET   login   403     403     200     200     200
complaint.handle                               GET   login   403     403     200     200     200
complaint.index_view                           GET   login   403     403     200     200     200
complaint.merge                                POST  login   403     403     400     400     400
content_item.action_view:delete                POST  login   403     403     302     deleted 403
content_item.ajax_lookup                       GET   login   403     403     200     200     403
content_item.ajax_update                       POST  login   403     403     404     404     403
content_item.attachment_view                   GET   login   403     403     200     200     403
content_item.create_view                       GET   login   403     403     200     200     403
content_item.create_view                       POST  login   403     403     200     200     403
content_item.delete_attachment_view            POST  login   403     403     403     302     403
content_item.delete_view                       POST  login   403     403     302     deleted 403
content_item.details_view                      GET   login   403     403     200     200     403
content_item.edit_view                         GET   login   403     403     302     200     403
content_item.edit_view                         POST  login   403     403     302     changed 403
content_item.export                            GET   login   403     403     200     200     403
content_item.image_upload_view                 POST  login   403     403     403     400     403
content_item.index_view                        GET   login   403     403     200     200     403
content_item.preview_view                      POST  login   403     403     200     200     403
content_item.transition_view:publish           POST  login   403     403     302     changed 403
content_item.transition_view:reject            POST  login   403     403     302     changed 403
content_item.transition_view:retract           POST  login   403     403     changed changed 403
content_item.transition_view:submit            POST  login   403     403     changed changed 403
content_item.upload_view                       POST  login   403     403     403     302     403
content_item.workflow_view                     GET   login   403     403     200     200     403
content_queue.action_view:delete               POST  login   403     403     302     302     403
content_queue.ajax_lookup                      GET   login   403     403     404     404     403
content_queue.ajax_update                      POST  login   403     403     404     404     403
content_queue.create_view                      GET   login   403     403     302     302     403
content_queue.create_view                      POST  login   403     403     302     302     403
content_queue.delete_view                      POST  login   403     403     302     302     403
content_queue.details_view                     GET   login   403     403     302     302     403
content_queue.edit_view                        GET   login   403     403     302     302     403
content_queue.edit_view                        POST  login   403     403     302     302     403
content_queue.export                           GET   login   403     403     302     302     403
content_queue.index_view                       GET   login   403     403     200     200     403
custom_form.action_view:delete                 POST  login   403     403     302     302     403
custom_form.ajax_lookup                        GET   login   403     403     200     200     403
custom_form.ajax_update                        POST  login   403     403     404     404     403
custom_form.create_view                        GET   login   403     403     200     200     403
custom_form.create_view                        POST  login   403     403     200     200     403
custom_form.delete_view                        POST  login   403     403     302     302     403
custom_form.details_view                       GET   login   403     403     200     200     403
custom_form.edit_view                          GET   login   403     403     200     200     403
custom_form.edit_view                          POST  login   403     403     changed changed 403
custom_form.export                             GET   login   403     403     200     200     403
custom_form.index_view                         GET   login   403     403     200     200     403
data_import.cancel                             POST  login   403     403     404     404     403
data_import.confirm                            POST  login   403     403     404     404     403
data_import.index                              GET   login   403     403     200     200     403
data_import.index                              POST  login   403     403     422     422     403
data_import.preview                            GET   login   403     403     404     404     403
data_import.template                           GET   login   403     403     200     200     403
employee.action_view:delete                    POST  login   403     403     302     302     403
employee.ajax_lookup                           GET   login   403     403     200     200     403
employee.ajax_update                           POST  login   403     403     404     404     403
employee.create_view                           GET   login   403     403     200     200     403
employee.create_view                           POST  login   403     403     200     200     403
employee.delete_view                           POST  login   403     403     302     302     403
employee.details_view                          GET   login   403     403     200     200     403
employee.edit_view                             GET   login   403     403     200     200     403
employee.edit_view                             POST  login   403     403     changed changed 403
employee.export                                GET   login   403     403     200     200     403
employee.index_view                            GET   login   403     403     200     200     403
event.action_view:delete                       POST  login   403     403     deleted deleted 403
event.ajax_lookup                              GET   login   403     403     200     200     403
event.ajax_update                              POST  login   403     403     404     404     403
event.create_view                              GET   login   403     403     200     200     403
event.create_view                              POST  login   403     403     200     200     403
event.delete_view                              POST  login   403     403     deleted deleted 403
event.details_view                             GET   login   403     403     200     200     403
event.edit_view                                GET   login   403     403     200     200     403
event.edit_view                                POST  login   403     403     changed changed 403
event.export                                   GET   login   403     403     200     200     403
event.index_view                               GET   login   403     403     200     200     403
event_registration.action_view:cancel          POST  login   403     403     changed changed 403
event_registration.action_view:check_in        POST  login   403     403     changed changed 403
event_registration.action_view:check_out       POST  login   403     403     302     302     403
event_registration.action_view:confirm_seat    POST  login   403     403     302     302     403
event_registration.action_view:delete          POST  login   403     403     deleted deleted 403
event_registration.ajax_lookup                 GET   login   403     403     404     404     403
event_registration.ajax_update                 POST  login   403     403     404     404     403
event_registration.create_view                 GET   login   403     403     302     302     403
event_registration.create_view                 POST  login   403     403     302     302     403
event_registration.delete_view                 POST  login   403     403     deleted deleted 403
event_registration.details_view                GET   login   403     403     200     200     403
event_registration.edit_view                   GET   login   403     403     200     200     403
event_registration.edit_view                   POST  login   403     403     changed changed 403
event_registration.export                      GET   login   403     403     200     200     403
event_registration.index_view                  GET   login   403     403     200     200     403
follow_up.action_view:delete                   POST  login   403     403     302     302     403
follow_up.ajax_lookup                          GET   login   403     403     404     404     403
follow_up.ajax_update                          POST  login   403     403     404     404     403
follow_up.create_view                          GET   login   403     403     302     302     403
follow_up.create_view                          POST  login   403     403     302     302     403
follow_up.delete_view                          POST  login   403     403     302     302     403
follow_up.details_view                         GET   login   403     403     200     200     403
follow_up.edit_view                            GET   login   403     403     302     302     403
follow_up.edit_view                            POST  login   403     403     302     302     403
follow_up.export                               GET   login   403     403     200     200     403
follow_up.index_view                           GET   login   403     403     200     200     403
form_submission.action_view:delete             POST  login   403     403     deleted deleted 403
form_submission.ajax_lookup                    GET   login   403     403     404     404     403
form_submission.ajax_update                    POST  login   403     403     404     404     403
form_submission.create_view                    GET   login   403     403     302     302     403
form_submission.create_view                    POST  login   403     403     302     302     403
form_submission.delete_view                    POST  login   403     403     deleted deleted 403
form_submission.details_view                   GET   login   403     403     200     200     403
form_submission.edit_view                      GET   login   403     403     302     302     403
form_submission.edit_view                      POST  login   403     403     302     302     403
form_submission.export                         GET   login   403     403     200     200     403
form_submission.file                           GET   login   403     403     200     200     403
form_submission.index_view                     GET   login   403     403     200     200     403
indicator_realisation.action_view:delete       POST  login   403     403     deleted deleted 403
indicator_realisation.ajax_lookup              GET   login   403     403     200     200     403
indicator_realisation.ajax_update              POST  login   403     403     404     404     403
indicator_realisation.create_view              GET   login   403     403     200     200     403
indicator_realisation.create_view              POST  login   403     403     200     200     403
indicator_realisation.delete_view              POST  login   403     403     deleted deleted 403
indicator_realisation.details_view             GET   login   403     403     200     200     403
indicator_realisation.edit_view                GET   login   403     403     200     200     403
indicator_realisation.edit_view                POST  login   403     403     changed changed 403
indicator_realisation.export                   GET   login   403     403     200     200     403
indicator_realisation.index_view               GET   login   403     403     200     200     403
monthly_report.action:accept                   POST  login   403     changed 403     403     403
monthly_report.action:return                   POST  login   403     changed 403     403     403
monthly_report.action:submit                   POST  login   changed 403     403     403     403
monthly_report.attachment                      GET   login   200     200     200     200     403
monthly_report.create                          POST  login   302     302     403     403     403
monthly_report.delete_attachment               POST  login   302     403     403     403     403
monthly_report.detail                          GET   login   200     200     200     200     403
monthly_report.export                          GET   login   200     200     200     200     403
monthly_report.index                           GET   login   200     200     200     200     403
monthly_report.save                            POST  login   302     403     403     403     403
monthly_report.upload                          POST  login   302     403     403     403     403
non_working_day.action_view:delete             POST  login   403     403     deleted deleted 403
non_working_day.ajax_lookup                    GET   login   403     403     404     404     403
non_working_day.ajax_update                    POST  login   403     403     404     404     403
non_working_day.create_view                    GET   login   403     403     200     200     403
non_working_day.create_view                    POST  login   403     403     200     200     403
non_working_day.delete_view                    POST  login   403     403     deleted deleted 403
non_working_day.details_view                   GET   login   403     403     200     200     403
non_working_day.edit_view                      GET   login   403     403     200     200     403
non_working_day.edit_view                      POST  login   403     403     changed changed 403
non_working_day.export                         GET   login   403     403     200     200     403
non_working_day.import_view                    GET   login   403     403     200     200     403
non_working_day.import_view                    POST  login   403     403     422     422     403
non_working_day.index_view                     GET   login   403     403     200     200     403
non_working_day.sample_view                    GET   login   403     403     200     200     403
outbox.action_view:delete                      POST  login   403     403     403     302     403
outbox.action_view:retry                       POST  login   403     403     403     changed 403
outbox.ajax_lookup                             GET   login   403     403     403     404     403
outbox.ajax_update                             POST  login   403     403     403     404     403
outbox.create_view                             GET   login   403     403     403     302     403
outbox.create_view                             POST  login   403     403     403     302     403
outbox.delete_view                             POST  login   403     403     403     302     403
outbox.details_view                            GET   login   403     403     403     302     403
outbox.edit_view                               GET   login   403     403     403     302     403
outbox.edit_view                               POST  login   403     403     403     302     403
outbox.export                                  GET   login   403     403     403     302     403
outbox.index_view                              GET   login   403     403     403     200     403
period.action_view:close                       POST  login   403     403     changed changed 403
period.action_view:delete                      POST  login   403     403     deleted deleted 403
period.action_view:open                        POST  login   403     403     302     302     403
period.ajax_lookup                             GET   login   403     403     404     404     403
period.ajax_update                             POST  login   403     403     404     404     403
period.create_view                             GET   login   403     403     200     200     403
period.create_view                             POST  login   403     403     200     200     403
period.delete_view                             POST  login   403     403     deleted deleted 403
period.details_view                            GET   login   403     403     200     200     403
period.edit_view                               GET   login   403     403     200     200     403
period.edit_view                               POST  login   403     403     302     302     403
period.export                                  GET   login   403     403     200     200     403
period.index_view                              GET   login   403     403     200     200     403
period.of_year_view                            GET   login   403     403     302     302     403
period.year_view                               POST  login   403     403     302     302     403
predikat_distribution.export                   GET   login   403     200     200     200     403
predikat_distribution.index                    GET   login   403     200     200     200     403
skp.action:approve                             POST  login   403     changed 403     403     403
skp.action:finalise                            POST  login   403     changed 403     403     403
skp.action:reopen                              POST  login   403     403     403     changed 403
skp.action:return                              POST  login   403     changed 403     403     403
skp.action:submit                              POST  login   changed 403     403     403     403
skp.add_follow_up                              POST  login   403     403     403     403     403
skp.add_iki                                    POST  login   302     403     403     403     403
skp.add_rhk                                    POST  login   302     403     403     403     403
skp.create                                     POST  login   302     302     403     403     403
skp.delete_iki                                 POST  login   302     403     403     403     403
skp.delete_rhk                                 POST  login   302     403     403     403     403
skp.edit_iki                                   POST  login   302     403     403     403     403
skp.edit_rhk                                   POST  login   302     403     403     403     403
skp.detail                                     GET   login   200     200     200     200     403
skp.dialog                                     POST  login   302     302     403     403     403
skp.evaluation                                 GET   login   302     200     200     200     403
skp.evaluation                                 POST  login   403     400     403     403     403
skp.evaluation_pdf                             GET   login   200     200     200     200     403
skp.evidence                                   GET   login   200     200     200     200     403
skp.export                                     GET   login   200     200     200     200     403
skp.follow_up_done                             POST  login   403     302     302     302     403
skp.index                                      GET   login   200     200     200     200     403
skp.lampiran                                   POST  login   302     403     403     403     403
skp.realisation                                GET   login   200     403     403     403     403
skp.realisation                                POST  login   302     403     403     403     403
skp.return_realisation                         POST  login   403     302     403     403     403
skp.remove_evidence                            POST  login   403     403     403     403     403
skp.pdf                                        GET   login   200     200     200     200     403
skp.upload                                     POST  login   302     302     403     403     403
survey_ikm.index                               GET   login   403     403     200     200     403
survey_import.index                            GET   login   403     403     200     200     403
survey_import.index                            POST  login   403     403     422     422     403
survey_population.action_view:delete           POST  login   403     403     deleted deleted 403
survey_population.ajax_lookup                  GET   login   403     403     200     200     403
survey_population.ajax_update                  POST  login   403     403     404     404     403
survey_population.create_view                  GET   login   403     403     200     200     403
survey_population.create_view                  POST  login   403     403     200     200     403
survey_population.delete_view                  POST  login   403     403     deleted deleted 403
survey_population.details_view                 GET   login   403     403     200     200     403
survey_population.edit_view                    GET   login   403     403     200     200     403
survey_population.edit_view                    POST  login   403     403     302     302     403
survey_population.export                       GET   login   403     403     200     200     403
survey_population.index_view                   GET   login   403     403     200     200     403
survey_qr.index                                GET   login   403     403     200     200     403
survey_response.action_view:delete             POST  login   403     403     302     302     302
survey_response.ajax_lookup                    GET   login   403     403     404     404     404
survey_response.ajax_update                    POST  login   403     403     404     404     404
survey_response.create_view                    GET   login   403     403     302     302     302
survey_response.create_view                    POST  login   403     403     302     302     302
survey_response.delete_view                    POST  login   403     403     302     302     302
survey_response.details_view                   GET   login   403     403     200     200     200
survey_response.edit_view                      GET   login   403     403     302     302     302
survey_response.edit_view                      POST  login   403     403     302     302     302
survey_response.export                         GET   login   403     403     200     200     200
survey_response.index_view                     GET   login   403     403     200     200     200
survey_service.action_view:delete              POST  login   403     403     302     302     403
survey_service.ajax_lookup                     GET   login   403     403     200     200     403
survey_service.ajax_update                     POST  login   403     403     404     404     403
survey_service.create_view                     GET   login   403     403     200     200     403
survey_service.create_view                     POST  login   403     403     200     200     403
survey_service.delete_view                     POST  login   403     403     302     302     403
survey_service.details_view                    GET   login   403     403     200     200     403
survey_service.edit_view                       GET   login   403     403     200     200     403
survey_service.edit_view                       POST  login   403     403     changed changed 403
survey_service.export                          GET   login   403     403     200     200     403
survey_service.index_view                      GET   login   403     403     200     200     403
training_history.action_view:delete            POST  login   302     302     302     302     302
training_history.ajax_lookup                   GET   login   404     404     404     404     404
training_history.ajax_update                   POST  login   404     404     404     404     404
training_history.create_view                   GET   login   302     302     302     302     302
training_history.create_view                   POST  login   302     302     302     302     302
training_history.delete_view                   POST  login   302     302     302     302     302
training_history.details_view                  GET   login   302     302     302     302     302
training_history.edit_view                     GET   login   302     302     302     302     302
training_history.edit_view                     POST  login   302     302     302     302     302
training_history.export                        GET   login   200     200     200     200     200
training_history.index_view                    GET   login   200     200     200     200     200
unit.action_view:delete                        POST  login   403     403     302     302     403
unit.ajax_lookup                               GET   login   403     403     200     200     403
unit.ajax_update                               POST  login   403     403     404     404     403
unit.create_view                               GET   login   403     403     200     200     403
unit.create_view                               POST  login   403     403     200     200     403
unit.delete_view                               POST  login   403     403     302     302     403
unit.details_view                              GET   login   403     403     200     200     403
unit.edit_view                                 GET   login   403     403     200     200     403
unit.edit_view                                 POST  login   403     403     changed changed 403
unit.export                                    GET   login   403     403     200     200     403
unit.index_view                                GET   login   403     403     200     200     403
unit_indicator.action_view:delete              POST  login   403     403     deleted deleted 403
unit_indicator.ajax_lookup                     GET   login   403     403     200     200     403
unit_indicator.ajax_update                     POST  login   403     403     404     404     403
unit_indicator.create_view                     GET   login   403     403     200     200     403
unit_indicator.create_view                     POST  login   403     403     200     200     403
unit_indicator.delete_view                     POST  login   403     403     deleted deleted 403
unit_indicator.details_view                    GET   login   403     403     200     200     403
unit_indicator.edit_view                       GET   login   403     403     200     200     403
unit_indicator.edit_view                       POST  login   403     403     changed changed 403
unit_indicator.export                          GET   login   403     403     200     200     403
unit_indicator.index_view                      GET   login   403     403     200     200     403
unit_result.action_view:delete                 POST  login   403     403     deleted deleted 403
unit_result.ajax_lookup                        GET   login   403     403     200     200     403
unit_result.ajax_update                        POST  login   403     403     404     404     403
unit_result.create_view                        GET   login   403     403     200     200     403
unit_result.create_view                        POST  login   403     403     200     200     403
unit_result.delete_view                        POST  login   403     403     deleted deleted 403
unit_result.details_view                       GET   login   403     403     200     200     403
unit_result.edit_view                          GET   login   403     403     200     200     403
unit_result.edit_view                          POST  login   403     403     302     302     403
unit_result.export                             GET   login   403     403     200     200     403
unit_result.index_view                         GET   login   403     403     200     200     403
"""


def parse(text):
    """{(endpoint, method): {role: outcome}} from the table's text."""
    rows = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        endpoint, method, *cells = line.split()
        assert len(cells) == len(ROLES), line
        assert (endpoint, method) not in rows, "two lines for " + line
        rows[(endpoint, method)] = dict(zip(ROLES, cells))
    return rows
